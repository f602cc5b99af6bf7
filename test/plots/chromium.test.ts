import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, HOSTILE, checkExamplePage, domProblems } from '../../scripts/check-html';
import { toHtml } from '../../lib/plots/html';

// Skipped without Chromium, except under CI=true where a missing browser is a failure.
const missing = !existsSync(CHROMIUM);
const skip = missing && process.env.CI !== 'true' ? `${CHROMIUM} not installed` : false;

test('a page of every plot type from a real small run renders in headless Chromium; user text stays text', { skip, timeout: 300_000 }, async (t) => {
  assert.ok(!missing, `${CHROMIUM} not installed (required under CI=true)`);
  const dir = mkdtempSync(join(tmpdir(), 'wb-chromium-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = await checkExamplePage({ out: join(dir, 'page.html'), cacheDir: join(dir, 'cache') });
  assert.deepEqual(r.problems, []);
  // 3 schemes × 2 seeds × 2 sizes really trained (one run file each), 4 active-learning curves.
  assert.equal(r.runs, 12);
  assert.equal(readdirSync(join(dir, 'cache', 'runs')).filter((f) => f.endsWith('.json')).length, 12);
  assert.equal(readdirSync(join(dir, 'cache', 'active-learning')).filter((f) => f.endsWith('.json')).length, 4);
  assert.equal(Object.keys(r.drawn).length, 8);
  for (const [id, marks] of Object.entries(r.drawn)) assert.ok(marks > 0, `${id} drew nothing`);
});

test('domProblems: an undrawn figure and a script that ran are reported', { skip, timeout: 120_000 }, async (t) => {
  assert.ok(!missing, `${CHROMIUM} not installed (required under CI=true)`);
  const dir = mkdtempSync(join(tmpdir(), 'wb-chromium-bad-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // html items are trusted markup: here the hostile text goes in unescaped, so its script runs.
  const html = toHtml([{ figure: { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { xaxis: {}, yaxis: {}, height: 300 } } }, { html: HOSTILE }], 'bad page');
  const path = join(dir, 'bad.html');
  writeFileSync(path, html);
  const checker = await import('../../scripts/check-report-plots.mjs');
  const r = domProblems(checker, html, checker.dumpDom(path), ['wb-fig-0', 'wb-fig-7']);
  assert.ok(r.drawn['wb-fig-0'] > 0);
  assert.deepEqual(r.problems, [
    '1 plot call(s) in the page for 2 figures',
    'wb-fig-7: not rendered by plotly (no .js-plotly-plot div), div missing',
    'a <script> from user text ran',
    'hostile text is not shown as escaped text',
  ]);
});
