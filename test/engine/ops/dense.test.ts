import { test } from 'node:test';
import { tf, dense } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

for (const backend of BACKENDS) {
  test(`dense(x, W, b) gradients match autodiff and finite differences on ${backend}`, async () => {
    await use(backend);
    checkGradients(
      (x, W, b) => dense(x as tf.Tensor2D, W as tf.Tensor2D, b as tf.Tensor1D),
      (x, W, b) => tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b),
      [rand([5, 4], 1), rand([4, 3], 2), rand([3], 3)],
    );
  });

  test(`dense(x, W, b, 'relu') gradients match on ${backend}`, async () => {
    await use(backend);
    checkGradients(
      (x, W, b) => dense(x as tf.Tensor2D, W as tf.Tensor2D, b as tf.Tensor1D, 'relu'),
      (x, W, b) => tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b)),
      [rand([5, 4], 4), rand([4, 3], 5), rand([3], 6)],
      { eps: 1e-3 },
    );
  });
}
