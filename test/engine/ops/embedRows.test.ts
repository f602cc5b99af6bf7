import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, embedRows } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

/** gather as a one-hot matMul: autodiff-able on every backend (wasm has no UnsortedSegmentSum). */
const gatherRef = (table: tf.Tensor, ids: Int32Array) =>
  tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), table.shape[0]!).toFloat(), table as tf.Tensor2D);

for (const backend of BACKENDS) {
  test(`scatterND adds up duplicate indices on ${backend} (embedRows relies on it)`, async () => {
    await use(backend);
    tf.tidy(() => {
      const out = tf.scatterND(tf.tensor2d([[1], [3], [1], [1]], [4, 1], 'int32'), tf.tensor2d([[1, 2], [3, 4], [10, 20], [100, 200]]), [4, 2]);
      assert.deepEqual(Array.from(out.dataSync()), [0, 0, 111, 222, 0, 0, 3, 4]);
    });
  });

  test(`embedRows(table, ids) with repeated ids: gradients match autodiff of a one-hot matMul gather and finite differences on ${backend}`, async () => {
    await use(backend);
    const ids = Int32Array.from([2, 0, 2, 5, 1, 2]);
    checkGradients((table) => embedRows(table as tf.Tensor2D, ids), (table) => gatherRef(table, ids), [rand([6, 3], 1)]);
  });

  test(`embedRows(table, ids, bag=3) sums each bag of rows; gradients match on ${backend}`, async () => {
    await use(backend);
    const ids = Int32Array.from([0, 4, 4, 1, 2, 3]);
    const reference = (table: tf.Tensor) => tf.sum(tf.reshape(gatherRef(table, ids), [2, 3, 3]), 1);
    checkGradients((table) => embedRows(table as tf.Tensor2D, ids, 3), reference, [rand([5, 3], 2)]);
  });

  test(`embedRows rejects ids outside the table on ${backend}`, async () => {
    await use(backend);
    const table = tf.zeros([4, 2]) as tf.Tensor2D;
    assert.throws(() => embedRows(table, Int32Array.from([1, 4])), /E303.*id 4 at position 1 is outside the table's 4 rows/);
    assert.throws(() => embedRows(table, Int32Array.from([1, 2, 3]), 2), /not a multiple of bag=2/);
    table.dispose();
  });
}
