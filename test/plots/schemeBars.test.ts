import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemeComparisonBars } from '../../lib/plots/schemeBars';
import { compareSchemeRows, compareSchemes } from '../../lib/eval/compareSchemes';
import type { RunRecord, Scores } from '../../lib/eval/scores';
import { assertValidFigure, annotationsOf } from './helpers';

const scores = (ents_f: number, cats_score: number): Scores => ({ ents_f, cats_score, sentence_acc: null, ents_per_type: {} }) as unknown as Scores;
const runs: RunRecord[] = [0, 1, 2].flatMap((seed) => [
  { scheme: 'separate', seed, scores: scores(0.8 + seed * 0.01, 0.9) },
  { scheme: 'shared', seed, scores: scores(0.85 + seed * 0.02, 0.91 - seed * 0.01) },
]);

test('schemeComparisonBars(runs): one panel per metric, one bar trace per scheme with asymmetric CI error bars', () => {
  const fig = schemeComparisonBars(runs);
  assertValidFigure(fig);
  assert.equal(fig.data.length, 4); // 2 metrics × 2 schemes
  assert.deepEqual(fig.data.map((t) => [t.name, t.xaxis]), [['separate', 'x'], ['shared', 'x'], ['separate', 'x2'], ['shared', 'x2']]);
  const row = compareSchemeRows(runs)[1];
  const shared = fig.data[1];
  assert.deepEqual(shared.y, [row.ents_f_mean]);
  const err = shared.error_y as { symmetric: boolean; array: number[]; arrayminus: number[] };
  assert.equal(err.symmetric, false);
  assert.ok(Math.abs(err.array[0] - ((row.ents_f_high as number) - (row.ents_f_mean as number))) < 1e-12);
  assert.ok(Math.abs(err.arrayminus[0] - ((row.ents_f_mean as number) - (row.ents_f_low as number))) < 1e-12);
  assert.ok('xaxis2' in fig.layout && 'yaxis2' in fig.layout);
  assert.equal(fig.layout.barmode, 'overlay');
  // Panel titles and the p-value legend are annotations.
  const texts = annotationsOf(fig).map((a) => a.text as string);
  assert.ok(texts.includes('<b>ents_f</b>') && texts.includes('<b>cats_score</b>'));
  assert.ok(texts.some((t) => t.startsWith('vs separate: * p&lt;.05')));
});

test('schemeComparisonBars(DataFrame) draws the same bars as from runs', () => {
  const fromDf = schemeComparisonBars(compareSchemes(runs));
  const fromRuns = schemeComparisonBars(runs);
  assert.deepEqual(fromDf.data.map((t) => t.y), fromRuns.data.map((t) => t.y));
});

test('schemeComparisonBars: groups (train sizes) become grouped bars; one-seed bars have zero-length error bars', () => {
  const sized = [...runs.map((r) => ({ ...r, trainSize: 1000 })), { scheme: 'shared', seed: 0, trainSize: 100, scores: scores(0.5, 0.6) }, { scheme: 'separate', seed: 0, trainSize: 100, scores: scores(0.4, 0.6) }];
  const fig = schemeComparisonBars(sized, { metrics: ['ents_f'] });
  assertValidFigure(fig);
  assert.equal(fig.layout.barmode, 'group');
  assert.deepEqual(fig.data[0].x, ['n=1000', 'n=100']);
  assert.deepEqual((fig.data[0].error_y as { array: number[] }).array.slice(1), [0]);
});

test('schemeComparisonBars: scheme names are escaped; unknown metric is an error', () => {
  const fig = schemeComparisonBars(runs.map((r) => ({ ...r, scheme: r.scheme === 'shared' ? '<i>x</i>' : r.scheme })));
  assert.ok(fig.data.some((t) => t.name === '&lt;i&gt;x&lt;/i&gt;'));
  assert.throws(() => schemeComparisonBars(compareSchemeRows(runs), { metrics: ['tokens_per_second'] }), /\[E506\].*tokens_per_second_mean/);
});
