import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataDir, datasetPath, samplePath } from '../../lib/data/dataDir';

function withEnv<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.WORKBENCH_DATA;
  if (value === undefined) delete process.env.WORKBENCH_DATA;
  else process.env.WORKBENCH_DATA = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.WORKBENCH_DATA;
    else process.env.WORKBENCH_DATA = before;
  }
}

test('dataDir() follows WORKBENCH_DATA and datasetPath(name) finds only existing datasets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-data-'));
  mkdirSync(join(dir, 'snips'));
  withEnv(dir, () => {
    assert.equal(dataDir(), resolve(dir));
    assert.equal(datasetPath('snips'), join(resolve(dir), 'snips'));
    assert.equal(datasetPath('atis'), undefined);
  });
});

test('dataDir() is undefined with WORKBENCH_DATA=none, so callers use the shipped sample', () => {
  withEnv('none', () => {
    assert.equal(dataDir(), undefined);
    assert.equal(datasetPath('snips'), undefined);
  });
});

test('samplePath(...) points into the repository data/ folder', () => {
  assert.match(samplePath('sample', 'ner.jsonl'), /data[\\/]sample[\\/]ner\.jsonl$/);
});
