import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextVectors, readWord2vecBinary, type VectorTable } from '../../lib/vectors';
import { FIXTURE, writeGlove, writeVec, writeWord2vec } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'vectors-readers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function assertFixture(table: VectorTable, rows = FIXTURE): void {
  assert.equal(table.dim, 3);
  assert.deepEqual(table.words, rows.map(([w]) => w));
  for (const [w, v] of rows) {
    const got = table.row(w)!;
    v.forEach((x, d) => assert.ok(Math.abs(got[d] - x) <= table.scales[table.indexOf(w)] / 2 + 1e-7, `${w}[${d}] = ${got[d]}, expected ${x}`));
  }
}

test('readTextVectors reads GloVe .txt (no header; a word with a space keeps it)', async () => {
  const file = join(dir, 'g.txt');
  writeGlove(file);
  assertFixture(await readTextVectors(file));
});

test('readTextVectors reads fastText .vec (count dim header) and checks the count', async () => {
  const file = join(dir, 'f.vec');
  writeVec(file);
  assertFixture(await readTextVectors(file));
  writeFileSync(file, '5 3\npa 1 2 3\n');
  await assert.rejects(readTextVectors(file), /E701.*f\.vec.*declares 5 vectors but the file has 1/);
});

test('readTextVectors names the file and line of a short line or a value that is not a number', async () => {
  const file = join(dir, 'bad.txt');
  writeFileSync(file, 'a 1 2 3\nb 1 2\n');
  await assert.rejects(readTextVectors(file), /E701.*bad\.txt:2.*2 values, expected 3/);
  writeFileSync(file, 'a 1 2 3\nb 1 x 3\n');
  await assert.rejects(readTextVectors(file), /E701.*bad\.txt:2.*value 2 of "b" is "x", not a number/);
  writeFileSync(file, '');
  await assert.rejects(readTextVectors(file), /E701.*no vectors/);
});

test('readWord2vecBinary reads word2vec .bin and names a truncated file', async () => {
  const file = join(dir, 'w.bin');
  writeWord2vec(file);
  const rows = FIXTURE.filter(([w]) => !w.includes(' '));
  assertFixture(await readWord2vecBinary(file), rows);
  writeFileSync(file, Buffer.from('3 3\nab '));
  await assert.rejects(readWord2vecBinary(file), /E701.*w\.bin.*ends inside vector 1 of 3/);
  writeFileSync(file, 'not a header\n');
  await assert.rejects(readWord2vecBinary(file), /E701.*w\.bin:1.*"count dim"/);
});
