import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, embedBags } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

/** The mean of each bag as a dense [nItems, V] averaging matrix times the table: autodiff-able everywhere. */
const reference = (table: tf.Tensor, ids: number[], segments: number[], nItems: number) => {
  const nV = table.shape[0]!;
  const m = new Float32Array(nItems * nV);
  const counts = new Array<number>(nItems).fill(0);
  segments.forEach((s) => counts[s]++);
  ids.forEach((id, j) => (m[segments[j] * nV + id] += 1 / counts[segments[j]]));
  return tf.matMul(tf.tensor2d(m, [nItems, nV]), table as tf.Tensor2D);
};

for (const backend of BACKENDS) {
  test(`embedBags(table, bags) averages each item's rows; gradients match a dense averaging matrix and finite differences on ${backend}`, async () => {
    await use(backend);
    const ids = [2, 0, 2, 5, 1, 2, 4];
    const segments = [0, 0, 0, 1, 2, 2, 3];
    const bags = { ids: Int32Array.from(ids), segments: Int32Array.from(segments), nItems: 4 };
    const table = rand([6, 3], 3);
    tf.tidy(() => {
      const out = embedBags(table, bags).arraySync();
      const t = table.arraySync();
      assert.ok(Math.abs(out[0][1] - (2 * t[2][1] + t[0][1]) / 3) < 1e-6);
      assert.ok(Math.abs(out[1][2] - t[5][2]) < 1e-6);
    });
    checkGradients((x) => embedBags(x as tf.Tensor2D, bags), (x) => reference(x, ids, segments, 4), [table]);
  });

  test(`embedBags rejects ids outside the table, decreasing segments and empty items on ${backend}`, async () => {
    await use(backend);
    const table = tf.zeros([4, 2]) as tf.Tensor2D;
    const bag = (ids: number[], segments: number[], nItems: number) => ({ ids: Int32Array.from(ids), segments: Int32Array.from(segments), nItems });
    assert.throws(() => embedBags(table, bag([1, 4], [0, 1], 2)), /E303.*id 4 at position 1 is outside the table's 4 rows/);
    assert.throws(() => embedBags(table, bag([1, 2], [1, 0], 2)), /E303.*segments must not decrease \(position 1\)/);
    assert.throws(() => embedBags(table, bag([1, 2], [0, 2], 3)), /E303.*item 1 has no ids/);
    table.dispose();
  });
}
