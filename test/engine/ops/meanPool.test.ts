import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, meanPool } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

for (const backend of BACKENDS) {
  test(`meanPool(ragged) averages each sequence, zeros for empty ones, on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const y = meanPool({ data: tf.tensor2d([[1, 2], [3, 4], [5, 6]]), lengths: [0, 2, 1, 0] });
      assert.deepEqual(y.arraySync(), [[0, 0], [2, 3], [5, 6], [0, 0]]);
    });
  });

  test(`meanPool gradients match autodiff of a matMul with the averaging matrix and finite differences on ${backend}`, async () => {
    await use(backend);
    const lengths = [2, 0, 3, 1];
    const A = tf.tensor2d(
      [
        [0.5, 0.5, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 1 / 3, 1 / 3, 1 / 3, 0],
        [0, 0, 0, 0, 0, 1],
      ],
    );
    checkGradients((x) => meanPool({ data: x as tf.Tensor2D, lengths }), (x) => tf.matMul(A, x as tf.Tensor2D), [rand([6, 3], 1)]);
    A.dispose();
  });
}
