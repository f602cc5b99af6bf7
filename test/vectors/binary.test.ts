import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTable, encodeTable, quantizeRows, readTableFile, writeTableFile } from '../../lib/vectors';

const table = quantizeRows(['the', 'café', 'naïve', 'x y'], Float32Array.from([1, 2, -3, 0.5, 0, 0, 7, 8]), 2, 'fixture');

test('encodeTable / decodeTable: the same words (UTF-8), scales and int8 rows', () => {
  const back = decodeTable(encodeTable(table), 'mem');
  assert.deepEqual(back.words, table.words);
  assert.deepEqual(back.scales, table.scales);
  assert.deepEqual(back.data, table.data);
  assert.equal(back.source, 'fixture');
  assert.equal(back.indexOf('café'), 1);
});

test('decodeTable: a truncated or foreign file is E703 naming the file', () => {
  const buf = encodeTable(table);
  assert.throws(() => decodeTable(buf.subarray(0, buf.length - 1), 'cut.wbvec'), /E703.*cut\.wbvec.*truncated or modified/);
  assert.throws(() => decodeTable(Buffer.from('GloVe is text'), 'other.wbvec'), /E703.*other\.wbvec.*not a workbench vector file/);
});

test('writeTableFile writes atomically (no temporary file left) and readTableFile reads it back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vectors-binary-'));
  try {
    const file = join(dir, 'sub', 't.wbvec');
    await Promise.all([writeTableFile(file, table), writeTableFile(file, table)]);
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['t.wbvec']);
    assert.deepEqual(readFileSync(file), encodeTable(table));
    assert.deepEqual((await readTableFile(file)).words, table.words);
    writeFileSync(join(dir, 'bad.wbvec'), 'x');
    await assert.rejects(readTableFile(join(dir, 'bad.wbvec')), /E703/);
    await assert.rejects(readTableFile(join(dir, 'none.wbvec')), /E701.*none\.wbvec.*ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
