import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, layerNorm, LAYER_NORM_EPS } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients, assertClose } from '../helpers';

function reference(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPS))), g), b);
}

for (const backend of BACKENDS) {
  test(`layerNorm(x, g, b) gradients match autodiff and finite differences on ${backend}`, async () => {
    await use(backend);
    checkGradients((x, g, b) => layerNorm(x, g as tf.Tensor1D, b as tf.Tensor1D), reference, [rand([4, 5], 1), rand([5], 2), rand([5], 3)], {
      eps: 3e-3,
      refAtol: 2e-5,
    });
  });

  test(`layerNorm of a rank-3 batch normalises each row to mean 0, variance 1 on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = tf.add(tf.mul(rand([2, 3, 8], 4), 5), 3);
      const y = layerNorm(x, tf.ones([8]) as tf.Tensor1D, tf.zeros([8]) as tf.Tensor1D);
      assert.deepEqual(y.shape, [2, 3, 8]);
      const { mean, variance } = tf.moments(y, -1);
      assertClose(mean.dataSync(), new Float32Array(6), 1e-5, 0, 'mean');
      assertClose(variance.dataSync(), new Float32Array(6).fill(1), 1e-3, 0, 'variance');
    });
  });

  test(`layerNorm values are bit-identical with and without a gradient tape on ${backend}`, async () => {
    await use(backend);
    const [x, g, b] = [rand([6, 7], 5), rand([7], 6) as tf.Tensor1D, rand([7], 7) as tf.Tensor1D];
    const outside = Array.from(layerNorm(x, g, b).dataSync());
    let inside: number[] = [];
    tf.grad((v: tf.Tensor) => {
      const y = layerNorm(v, g, b);
      inside = Array.from(y.dataSync());
      return tf.sum(y);
    })(x);
    assert.deepEqual(inside, outside);
  });
}
