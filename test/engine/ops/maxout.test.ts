import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, maxoutOp } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

const reference = (pieces: number) => (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => {
  const z = tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b);
  return tf.max(tf.reshape(z, [x.shape[0], W.shape[1]! / pieces, pieces]), 2);
};

for (const backend of BACKENDS) {
  test(`maxoutOp(x, W, b, 3) gradients match autodiff and finite differences on ${backend}`, async () => {
    await use(backend);
    checkGradients(
      (x, W, b) => maxoutOp(x as tf.Tensor2D, W as tf.Tensor2D, b as tf.Tensor1D, 3),
      reference(3),
      [rand([5, 4], 1), rand([4, 6], 2), rand([6], 3)],
      { eps: 1e-3 },
    );
  });

  test(`maxoutOp routes a tie's gradient to one piece only on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      // Both pieces of the single output are equal: tf.max's gradient would send dy to both.
      const x = tf.tensor2d([[1, 2]]);
      const W = tf.tensor2d([[1, 1], [1, 1]]);
      const b = tf.tensor1d([0, 0]);
      const [, dW] = tf.grads((x_: tf.Tensor, W_: tf.Tensor) => tf.sum(maxoutOp(x_ as tf.Tensor2D, W_ as tf.Tensor2D, b, 2)))([x, W]);
      assert.deepEqual(Array.from(dW.dataSync()), [1, 0, 2, 0]);
    });
  });
}
