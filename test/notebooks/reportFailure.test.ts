import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needJupyter, runReport } from './jupyter';

function notebook(cells: Array<['markdown' | 'code', string]>) {
  return JSON.stringify({
    cells: cells.map(([type, source]) =>
      type === 'markdown'
        ? { cell_type: 'markdown', metadata: {}, source }
        : { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source },
    ),
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

test('report.mjs --notebooks DIR: a failing cell fails the command and names notebook, cell and error', (t) => {
  if (!needJupyter(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'workbench-failing-'));
  try {
    const nbDir = join(dir, 'nbs');
    mkdirSync(nbDir);
    writeFileSync(join(nbDir, '01-ok.ipynb'), notebook([['markdown', '# Fine\nRuns.'], ['code', 'const a = 1 + 1;\nconsole.log(a)']]));
    writeFileSync(
      join(nbDir, '02-throws.ipynb'),
      notebook([
        ['markdown', '# Throws'],
        ['code', 'console.log("first")'],
        ['code', 'function load() { throw new RangeError("no such label: PERSN"); }\nload();'],
        ['code', 'console.log("never runs")'],
      ]),
    );
    writeFileSync(
      join(nbDir, '03-type-error.ipynb'),
      notebook([['code', 'const n: number = "three";']]),
    );
    const out = join(dir, 'out');
    const r = runReport(['--notebooks', nbDir, '--out', out]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /02-throws\.ipynb failed at cell 3 \(code cell 2\): RangeError: no such label: PERSN/);
    assert.match(r.stderr, /03-type-error\.ipynb failed at cell 1 \(code cell 1\): TypeScriptError: .*not assignable to type 'number'/);
    assert.match(r.stderr, /throw new RangeError/, 'the failing cell source is printed');
    assert.match(r.stdout, /01-ok\.ipynb … ok/);
    // The page of the failed notebook is still written, with the outputs up to the failure and a banner.
    const page = readFileSync(join(out, '02-throws.html'), 'utf8');
    assert.match(page, /first/);
    assert.match(page, /failed at cell 3/);
    assert.doesNotMatch(page, /<pre>never runs/, "cells after the failure do not run");
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    assert.equal((index.match(/class="failed"/g) ?? []).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('report.mjs PREFIX: a prefix that matches no notebook is an error naming it', () => {
  const r = runReport(['99-nothing']);
  assert.equal(r.status, r.stderr.includes('Jupyter is not installed') ? 3 : 2, r.stderr);
  if (r.status === 2) assert.match(r.stderr, /no notebook .* starts with "99-nothing"/);
});
