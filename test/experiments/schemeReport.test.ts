import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExperimentRecords } from '../../lib/experiments/runExperiment';
import { learningCurveSizes, schemeComparisonReport, schemeReportHtml } from '../../lib/experiments/schemeReport';
import { sampleData, tempDir, TINY } from './helpers';

test('learningCurveSizes: the fixed sizes below n, else a quarter and a half; always ending with all', () => {
  assert.deepEqual(learningCurveSizes(5000, [500, 2000]), [500, 2000, 'all']);
  assert.deepEqual(learningCurveSizes(1000, [500, 2000]), [500, 'all']);
  assert.deepEqual(learningCurveSizes(149, [500, 2000]), [37, 74, 'all']);
});

test('schemeComparisonReport gives every section of notebook 03; schemeReportHtml puts them on one page', async () => {
  const data = await sampleData();
  const seeds = [0, 1];
  const runs = await runExperimentRecords({ data, schemes: ['separate', 'shared'], seeds, trainSizes: [20, 'all'], config: TINY, outDir: tempDir(), progress: 'none' });
  const report = schemeComparisonReport({ datasets: [data], runs, schemes: ['shared', 'separate'], seeds, caveat: '<p>CAVEAT</p>' });
  for (const key of ['schemes', 'data', 'results', 'differences', 'perType', 'confusion', 'learning', 'training', 'conclusion'] as const) assert.ok(report[key].length > 0, key);
  assert.equal(report.verdicts.length, 3); // shared vs separate on 3 metrics
  assert.ok(report.verdicts.every((v) => v.system === 'shared' && v.baseline === 'separate'));
  const page = schemeReportHtml(report, 'title', '<h1>INTRO</h1>');
  assert.ok(page.indexOf('INTRO') < page.indexOf('Table 1. Schemes compared (2), baseline first'));
  assert.ok(page.indexOf('Figure 4 (sample)') > 0);
  assert.ok(page.indexOf('Generated conclusion') < page.indexOf('CAVEAT'));
});
