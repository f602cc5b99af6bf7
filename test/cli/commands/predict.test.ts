import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExamples } from '../../../lib/data/readExamples';
import { loadProdigy } from '../../../lib/data/prodigy';
import { BIN, ROOT, SAMPLE, tempDir, trainTiny, workbench, writeLines } from '../helpers';

let dir: string;
let model: string;
before(async () => {
  dir = tempDir();
  model = await trainTiny(dir);
});

test('predict writes one Prodigy task per text: tokens, spans with code-point offsets and token indices, cats, options/accept, hashes', async () => {
  const input = writeLines(dir, 'texts.txt', ['🏨 a hotel in Lima on Sunday', 'play some jazz by Nina Simone', 'fly from Oslo to Rome']);
  const out = join(dir, 'pred.jsonl');
  const r = await workbench(['predict', model, input, '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const tasks = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(tasks.length, 3);
  for (const t of tasks) {
    const cps = [...t.text];
    for (const s of t.spans) {
      assert.equal(cps.slice(s.start, s.end).join(''), s.text); // code-point offsets, as Prodigy's
      assert.equal(t.tokens[s.token_start].start, s.start);
      assert.equal(t.tokens[s.token_end].end, s.end);
    }
    assert.deepEqual(Object.keys(t.cats).sort(), ['BOOK_FLIGHT', 'BOOK_HOTEL', 'FIND_RESTAURANT', 'GET_WEATHER', 'PLAY_MUSIC']);
    assert.deepEqual(t.options.map((o: { id: string }) => o.id).sort(), Object.keys(t.cats).sort());
    assert.ok(t.accept.every((a: string) => t.cats[a] >= 0.5 || t.accept.length === 1));
    assert.equal(typeof t._input_hash, 'number');
    assert.equal(typeof t._task_hash, 'number');
  }
  assert.equal(tasks[0].tokens[0].text, '🏨');
  assert.deepEqual([tasks[0].tokens[1].start, tasks[0].tokens[1].end], [2, 3]);
  // The output goes back in: as NER tasks (spans) and as choice tasks (options/accept), or as joint examples.
  const asNer = await loadProdigy(tasks.map(({ options: _o, accept: _a, ...t }) => t), { task: 'ner' });
  assert.equal(asNer.length, 3);
  const joint = await readExamples(out);
  assert.equal(joint.format, 'joint');
  assert.deepEqual(joint.examples[0].spans.length, tasks[0].spans.length);
});

test('predict keeps the input tasks fields and reads Prodigy JSONL', async () => {
  const r = await workbench(['predict', model, SAMPLE.textcat]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, readFileSync(SAMPLE.textcat, 'utf8').trim().split('\n').length);
  assert.equal(JSON.parse(lines[0])._input_hash, JSON.parse(readFileSync(SAMPLE.textcat, 'utf8').split('\n')[0])._input_hash);
});

test('predict streams: output starts while the input is still open (stdin), and every text comes out', async () => {
  const child = spawn(process.execPath, [BIN, 'predict', model, '-', '--batch-size', '16'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const firstOutput = new Promise<void>((resolve) => child.stdout.on('data', (d) => ((out += d), resolve())));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 40; i++) child.stdin.write(`book a table for ${i} in Lima\n`);
  await firstOutput;
  assert.ok(out.length > 0, 'tasks were written before the input ended');
  for (let i = 40; i < 100; i++) child.stdin.write(`{"text": "fly to Oslo on day ${i}", "meta": {"i": ${i}}}\n`);
  child.stdin.end();
  assert.equal(await closed, 0);
  const tasks = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(tasks.length, 100);
  assert.deepEqual(tasks[99].meta, { i: 99 });
});

test('predict: a line without text exits 1 naming file, line and field; a missing argument exits 2', async () => {
  const bad = writeLines(dir, 'bad.jsonl', [{ text: 'ok' }, { txt: 'typo' }]);
  const r = await workbench(['predict', model, bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E002\] Missing or invalid field \(.*bad\.jsonl:2, example 1, field "text"\)/);
  const missing = await workbench(['predict', model]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing required argument 'input'/);
});

test('predict into a folder that does not exist: the coded error naming the path, exit 1, no stack trace', async () => {
  const input = writeLines(dir, 'one.txt', ['fly to Oslo']);
  const r = await workbench(['predict', model, input, '--output', '/nonexistent-folder/out.jsonl']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E013\] Data file problem \(\/nonexistent-folder\/out\.jsonl\): .*ENOENT/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
