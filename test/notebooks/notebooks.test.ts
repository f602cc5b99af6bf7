import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from './jupyter';
// @ts-ignore -- plain ES modules
import { committedNotebooks, executionTraces, stripNotebook } from '../../scripts/strip-notebooks.mjs';
// @ts-ignore
import { buildText, notebookFromPercent, notebookSources } from '../../scripts/notebooks/build.mjs';

const executed = () => ({
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# T'] },
    {
      cell_type: 'code',
      execution_count: 3,
      metadata: { execution: { 'iopub.status.idle': 'x' }, tags: ['keep'] },
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }],
      source: ['console.log(1)'],
    },
  ],
  metadata: { kernelspec: { name: 'tslab' }, widgets: {} },
  nbformat: 4,
  nbformat_minor: 5,
});

test('executionTraces(nb) lists outputs, execution counts and execution metadata', () => {
  assert.deepEqual(executionTraces(executed()), [
    'cell 2 has 1 output(s)',
    'cell 2 has execution_count 3',
    'cell 2 has metadata.execution',
    'notebook has metadata.widgets',
  ]);
});

test('stripNotebook(nb) removes what execution added and keeps sources and tags', () => {
  const nb = executed();
  const stripped = stripNotebook(nb);
  assert.deepEqual(executionTraces(stripped), []);
  assert.deepEqual(stripped.cells[1].metadata, { tags: ['keep'] });
  assert.deepEqual(stripped.cells[1].source, ['console.log(1)']);
  assert.equal(nb.cells[1].outputs?.length, 1, 'the input is not modified');
});

test('every committed notebook is stripped of outputs and uses the tslab kernel', () => {
  const paths: string[] = committedNotebooks(join(repoRoot, 'notebooks'));
  assert.ok(paths.length > 0);
  for (const path of paths) {
    const nb = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(executionTraces(nb), [], `${basename(path)}: run \`node scripts/strip-notebooks.mjs\``);
    assert.equal(nb.metadata.kernelspec?.name, 'tslab', `${basename(path)} kernel`);
  }
});

test('notebookFromPercent(text) turns // %% cells into markdown and code cells', () => {
  const nb = notebookFromPercent(
    '// description: Counts things.\n// %% [markdown]\n// # Title\n//\n// Some *text*.\n// %%\nconst a = 1;\n\nconsole.log(a);\n\n// %%\na\n',
  );
  assert.deepEqual(nb.metadata.workbench, { description: 'Counts things.' });
  assert.deepEqual(
    nb.cells.map((c: { cell_type: string; source: string[] }) => [c.cell_type, c.source.join('')]),
    [
      ['markdown', '# Title\n\nSome *text*.'],
      ['code', 'const a = 1;\n\nconsole.log(a);'],
      ['code', 'a'],
    ],
  );
  assert.throws(() => notebookFromPercent('// %% [markdown]\nnot a comment\n'), /markdown cell 1 .*not a \/\/ comment/);
});

test('notebooks built from scripts/notebooks/*.ts are in sync with their source', () => {
  for (const { source, notebook } of notebookSources() as Array<{ source: string; notebook: string }>) {
    assert.ok(existsSync(notebook), `${notebook} missing: run node scripts/notebooks/build.mjs`);
    assert.equal(readFileSync(notebook, 'utf8'), buildText(source), `${basename(notebook)} is stale: run node scripts/notebooks/build.mjs`);
  }
});
