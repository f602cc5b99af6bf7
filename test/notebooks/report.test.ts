import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needChromium, needJupyter, repoRoot, runReport } from './jupyter';
// @ts-ignore -- plain ES module
import { checkReportPlots, countPlotCalls } from '../../scripts/check-report-plots.mjs';

// Runs every committed notebook in fast mode, into a temporary directory so that `npm test` never
// overwrites a full-mode reports/ from `npm run report`.
test('node scripts/report.mjs (fast) runs every notebook and writes a page per notebook and an index', (t) => {
  if (!needJupyter(t)) return;
  const notebooks = readdirSync(join(repoRoot, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
  assert.ok(notebooks.length > 0, 'notebooks/ has no .ipynb');
  const out = mkdtempSync(join(tmpdir(), 'workbench-report-test-'));
  try {
    const r = runReport(['--out', out], { WORKBENCH_FAST: '1' });
    assert.equal(r.status, 0, `report failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /mode fast/);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const nb of notebooks) {
      const page = nb.replace(/\.ipynb$/, '.html');
      assert.ok(existsSync(join(out, page)), `${page} missing`);
      assert.ok(index.includes(`href="${page}"`), `index.html does not link ${page}`);
    }
    assert.doesNotMatch(index, /class="failed"/);
    // Offline: no page may load anything from the network.
    for (const page of readdirSync(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, page), 'utf8');
      assert.doesNotMatch(html, /<script[^>]+src="https?:/, `${page} loads a script from the network`);
      assert.doesNotMatch(html, /<link[^>]+href="https?:/, `${page} loads a stylesheet from the network`);
    }
    if (!needChromium(t)) return;
    const pagesWithPlots = readdirSync(out)
      .filter((f) => f.endsWith('.html') && f !== 'index.html')
      .filter((f) => countPlotCalls(readFileSync(join(out, f), 'utf8')) > 0);
    assert.ok(pagesWithPlots.includes('01-data-and-streams.html'), 'notebook 01 should draw a plot');
    assert.ok(pagesWithPlots.includes('03-joint-schemes.html'), 'notebook 03 (the main comparison) should draw plots');
    for (const page of pagesWithPlots) {
      const check = checkReportPlots(join(out, page));
      assert.deepEqual(check.problems, [], `${page}: ${check.problems.join('; ')}`);
      assert.ok(check.rendered >= 1);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
