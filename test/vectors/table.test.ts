import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantizeRows, VectorTable } from '../../lib/vectors';

test('quantizeRows(words, rows, dim): int8 rows with a per-row scale, each value within scale / 2', () => {
  const rows = Float32Array.from([0.5, -0.25, 1.0, /* */ 0, 0, 0, /* */ -3, 2.9, 0.001]);
  const table = quantizeRows(['a', 'b', 'c'], rows, 3, 'test');
  assert.equal(table.dim, 3);
  assert.equal(table.size, 3);
  for (let i = 0; i < 3; i++) {
    const row = table.row(table.words[i])!;
    for (let d = 0; d < 3; d++) assert.ok(Math.abs(row[d] - rows[i * 3 + d]) <= table.scales[i] / 2 + 1e-7, `row ${i} dim ${d}: ${row[d]} vs ${rows[i * 3 + d]}`);
  }
  assert.deepEqual(Array.from(table.row('b')!), [0, 0, 0]);
  assert.equal(table.data[2], 127);
  assert.equal(table.data[6], -127);
});

test('VectorTable.indexOf / row: -1 and undefined for an unknown word; the first of two equal words wins', () => {
  const table = quantizeRows(['x', 'y', 'x'], Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 'test');
  assert.equal(table.indexOf('x'), 0);
  assert.equal(table.indexOf('y'), 1);
  assert.equal(table.indexOf('z'), -1);
  assert.equal(table.row('z'), undefined);
  const out = new Float32Array(5);
  table.copyRow(1, out, 2);
  assert.ok(Math.abs(out[2] - 3) < 0.02 && Math.abs(out[3] - 4) < 0.02 && out[4] === 0);
});

test('quantizeRows and VectorTable reject inconsistent sizes and values that are not finite (E701)', () => {
  assert.throws(() => quantizeRows(['a'], Float32Array.from([1, 2, 3]), 2, 'f.txt'), /E701.*f\.txt.*1 words × 2 dimensions need 2 values, got 3/);
  assert.throws(() => quantizeRows(['a'], Float32Array.from([1, NaN]), 2, 'f.txt'), /E701.*example 0.*"a" has a value that is not a finite number/);
  assert.throws(() => new VectorTable({ words: ['a'], dim: 2, scales: new Float32Array(1), data: new Int8Array(3), source: 's' }), /E701/);
});
