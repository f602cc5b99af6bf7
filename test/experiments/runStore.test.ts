import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSlug, loadRuns, readJson, readRun, runFileName, writeJsonAtomic } from '../../lib/experiments/runStore';
import { tempDir } from './helpers';

const run = (over: Record<string, unknown> = {}) => ({
  kind: 'run',
  runKey: 'abcdef0123456789',
  dataset: 'snips',
  scheme: 'shared',
  seed: 0,
  configHash: '0123456789abcdef',
  scores: { ents_f: 0.5 },
  ...over,
});

test('writeJsonAtomic(dir, name, value) creates the folder, writes via a temp file, leaves only the target', () => {
  const dir = join(tempDir(), 'nested', 'runs');
  const path = writeJsonAtomic(dir, 'a.json', { x: 1 });
  assert.deepEqual(readJson(path), { x: 1 });
  writeJsonAtomic(dir, 'a.json', { x: 2 });
  assert.deepEqual(readJson(path), { x: 2 });
  assert.deepEqual(readdirSync(dir), ['a.json']);
});

test('loadRuns(outDir, filter) reads run files only, in name order, and filters', () => {
  const dir = tempDir();
  writeJsonAtomic(dir, 'b.json', run({ scheme: 'separate', seed: 1 }));
  writeJsonAtomic(dir, 'a.json', run());
  writeJsonAtomic(dir, 'al.json', { kind: 'active-learning' });
  writeFileSync(join(dir, 'notes.txt'), 'not json');
  assert.deepEqual(loadRuns(dir).map((r) => r.scheme), ['shared', 'separate']);
  assert.deepEqual(loadRuns(dir, { scheme: 'separate' }).map((r) => r.seed), [1]);
  assert.deepEqual(loadRuns(dir, { dataset: 'atis' }), []);
  assert.deepEqual(loadRuns(join(dir, 'missing')), []);
});

test('readRun / loadRuns reject corrupt or incomplete run files with E602 naming the file', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.json'), '{"kind": "run", ');
  assert.throws(() => loadRuns(dir), /\[E602\].*bad\.json.*delete the file/);
  const dir2 = tempDir();
  writeJsonAtomic(dir2, 'x.json', run({ scores: undefined }));
  assert.throws(() => readRun(join(dir2, 'x.json')), /\[E602\].*x\.json.*field "scores"/);
});

test('runFileName(run) is readable and ends with the run key; fileSlug makes names safe', () => {
  assert.equal(runFileName({ dataset: 'NLU eval/Chatbot', scheme: 'shared', seed: 2, trainSize: 100, runKey: 'k1' }), 'NLU_eval_Chatbot__shared__seed2__n100__k1.json');
  assert.equal(runFileName({ dataset: 'snips', scheme: 'separate', seed: 0, runKey: 'k2' }), 'snips__separate__seed0__nall__k2.json');
  assert.equal(fileSlug('../../etc'), '.._.._etc');
  assert.equal(fileSlug(''), '_');
});
