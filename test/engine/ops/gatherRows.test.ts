import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, gatherRows, segmentSumRows, permuteRows, inverseIndex, biasGradient } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

for (const backend of BACKENDS) {
  test(`gatherRows(x, index) picks rows, zero rows for −1 (also trailing ones) on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 1], [2, 2], [3, 3]]);
      assert.deepEqual(gatherRows(x, Int32Array.from([2, -1, 0, 0, -1])).arraySync(), [[3, 3], [0, 0], [1, 1], [1, 1], [0, 0]]);
      assert.deepEqual(gatherRows(x, Int32Array.from([-1, -1])).arraySync(), [[0, 0], [0, 0]]);
    });
  });

  test(`segmentSumRows adds rows into non-decreasing segments on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = tf.tensor2d([[1], [2], [4]]);
      assert.deepEqual(segmentSumRows(x, Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, 0, 2, 3])).arraySync(), [[3], [0], [4], [4]]);
    });
  });

  test(`permuteRows gradients match autodiff of a one-hot matMul and finite differences on ${backend}`, async () => {
    await use(backend);
    const index = Int32Array.from([3, -1, 0, 2]);
    const P = tf.tensor2d([
      [0, 0, 0, 1],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
    ]);
    checkGradients((x) => permuteRows(x as tf.Tensor2D, index, inverseIndex(index, 4)), (x) => tf.matMul(P, x as tf.Tensor2D), [rand([4, 2], 3)]);
    P.dispose();
  });

  test(`biasGradient(dy) equals the column sums on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const dy = rand([7, 5], 4);
      const expected = tf.sum(dy, 0).dataSync();
      biasGradient(dy).dataSync().forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-5));
    });
  });
}

test('inverseIndex maps each used source row to its output position, −1 for unused', () => {
  assert.deepEqual(Array.from(inverseIndex(Int32Array.from([3, -1, 0]), 5)), [2, -1, -1, 0, -1]);
});
