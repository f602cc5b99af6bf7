import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needChromium, repoRoot } from './jupyter';
// @ts-ignore -- plain ES module
import { checkReportPlots } from '../../scripts/check-report-plots.mjs';

const plotly = () => readFileSync(join(repoRoot, 'node_modules', 'plotly.js-dist-min', 'plotly.min.js'), 'utf8');
const plotCall = (id: string, trace: string) =>
  `<div id="${id}"></div><script>Plotly.newPlot(${JSON.stringify(id)}, [${trace}], {height: 300})</script>`;
const heatmap = '{type: "heatmap", z: [[1, 2], [3, 4]]}';
const bars = '{type: "bar", x: ["a", "b"], y: [3, 4]}';

function withPage(body: string, fn: (path: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-plots-'));
  try {
    const path = join(dir, 'page.html');
    writeFileSync(path, `<!DOCTYPE html><html><body>${body}</body></html>`);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('checkReportPlots(page) accepts a page with plotly inlined once and every plot drawn', (t) => {
  if (!needChromium(t)) return;
  withPage(`<script>${plotly()}</script>${plotCall('p1', heatmap)}${plotCall('p2', bars)}`, (page) => {
    const r = checkReportPlots(page);
    assert.deepEqual(r.problems, []);
    assert.equal(r.expected, 2);
    assert.equal(r.rendered, 2);
  });
});

test('checkReportPlots(page) reports plots that cannot render because plotly.js is missing', (t) => {
  if (!needChromium(t)) return;
  withPage(plotCall('p1', heatmap), (page) => {
    const r = checkReportPlots(page);
    assert.equal(r.rendered, 0);
    assert.ok(r.problems.some((p: string) => /included 0 times/.test(p)), r.problems.join('; '));
    assert.ok(r.problems.some((p: string) => /1 plot call\(s\) but 0 rendered/.test(p)), r.problems.join('; '));
  });
});

test('checkReportPlots(page) reports plotly inlined twice and a plot with no data drawn', (t) => {
  if (!needChromium(t)) return;
  const js = plotly();
  withPage(`<script>${js}</script>${plotCall('p1', bars)}<script>${js}</script>${plotCall('empty', '')}`, (page) => {
    const r = checkReportPlots(page);
    assert.ok(r.problems.includes('plotly.js is included 2 times (expected once)'), r.problems.join('; '));
    assert.ok(r.problems.includes('plot empty: svg has no drawn trace'), r.problems.join('; '));
    assert.equal(r.rendered, 1);
  });
});

// The pages of the last `npm run report` (reports/ is not written by the tests): the joint-schemes
// report when it exists, else the data report.
test('checkReportPlots(reports/…) finds every plot of the last report rendered', (t) => {
  const pages = ['03-joint-schemes.html', '01-data-and-streams.html'].map((p) => join(repoRoot, 'reports', p));
  const present = pages.filter((p) => existsSync(p));
  if (present.length === 0) return t.skip('no reports/ yet: run `npm run report` (report.test.ts checks fresh pages)');
  if (!needChromium(t)) return;
  for (const page of present) {
    const r = checkReportPlots(page);
    assert.deepEqual(r.problems, [], page);
    assert.ok(r.rendered >= 1, `${page}: no plot rendered`);
  }
});
