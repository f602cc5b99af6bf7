// `workbench ... | head`: the reader closes stdout early. Only stdout is lost: what the command saves
// or writes to files is complete and the exit code is the command's own.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../../lib/models';
import { SAMPLE, TINY_CONFIG, tempDir, trainTiny, workbenchClosingStdout } from './helpers';

let dir: string;
let config: string;
let model: string;
before(async () => {
  dir = tempDir();
  config = join(dir, 'tiny.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  model = await trainTiny(dir);
});

test('train | head: the pipeline is still saved and loads; exit 0', async () => {
  const out = join(dir, 'closed-train');
  const r = await workbenchClosingStdout(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--output', out]);
  assert.match(r.firstChunk, /^data: /);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(existsSync(join(out, 'manifest.json')), 'the pipeline folder was written');
  const pipeline = await loadPipeline(out);
  try {
    assert.deepEqual([...pipeline.labels.cats].sort(), ['BOOK_FLIGHT', 'BOOK_HOTEL', 'FIND_RESTAURANT', 'GET_WEATHER', 'PLAY_MUSIC']);
    const predicted = pipeline.predict(['fly to Oslo on Monday']);
    assert.ok(Array.isArray(predicted) && predicted.length === 1);
  } finally {
    pipeline.dispose();
  }
});

test('train | head whose save fails: the error reaches stderr and the exit code is 1', async () => {
  const out = join(dir, 'foreign');
  mkdirSync(out);
  writeFileSync(join(out, 'thesis.tex'), 'not a pipeline');
  const r = await workbenchClosingStdout(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--output', out]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E016\] .*thesis\.tex/);
  assert.equal(readFileSync(join(out, 'thesis.tex'), 'utf8'), 'not a pipeline');
  // 2>&1 | head: the error message itself cannot be written, the exit code still says 1.
  const both = await workbenchClosingStdout(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--output', out], { closeStderr: true });
  assert.equal(both.code, 1);
});

test('train 2>&1 | head: the pipeline is saved; exit 0', async () => {
  const out = join(dir, 'closed-both');
  const r = await workbenchClosingStdout(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--output', out], { closeStderr: true });
  assert.equal(r.code, 0);
  const pipeline = await loadPipeline(out);
  pipeline.dispose();
});

test('predict - | head: stdout is its only output, so it stops reading stdin (left open) and exits 0', async () => {
  const texts = Array.from({ length: 400 }, (_, i) => `book a table for ${i} in Lima`).join('\n') + '\n';
  const r = await workbenchClosingStdout(['predict', model, '-', '--batch-size', '8'], { stdin: texts, timeoutMs: 30_000 });
  assert.equal(r.signal, null, 'exited on its own, with stdin still open');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.firstChunk, /^\{"text":"book a table for 0 in Lima"/);
});

test('suggest - | head: stops reading stdin (left open) and exits 0', async () => {
  const texts = Array.from({ length: 400 }, (_, i) => `fly from Oslo to city number ${i}`).join('\n') + '\n';
  const r = await workbenchClosingStdout(['suggest', model, '-'], { stdin: texts, timeoutMs: 30_000 });
  assert.equal(r.signal, null, 'exited on its own, with stdin still open');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.firstChunk, /^\{"text":"fly from Oslo to city number \d+"/);
});

test('evaluate --html | head: the HTML report is still written; init-config | head exits 0', async () => {
  const html = join(dir, 'closed-eval.html');
  const r = await workbenchClosingStdout(['evaluate', model, '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--html', html]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(html, 'utf8'), /Texts with an error/);
  const init = await workbenchClosingStdout(['init-config']);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.firstChunk, /^\{\n {2}"scheme"/);
});
