import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, windowConcat, windowConcatRagged } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

function reference(x: tf.Tensor, w: number): tf.Tensor {
  const T = x.shape[1]!;
  const padded = tf.pad(x, [[0, 0], [w, w], [0, 0]]);
  return tf.concat(Array.from({ length: 2 * w + 1 }, (_, o) => tf.slice(padded, [0, o, 0], [-1, T, -1])), 2);
}

for (const backend of BACKENDS) {
  test(`windowConcat(x3d, 1) gives [B, T, 3D] with zeros beyond the ends on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const y = windowConcat(tf.tensor3d([[[1], [2]], [[3], [4]]]), 1);
      assert.deepEqual(y.shape, [2, 2, 3]);
      assert.deepEqual(Array.from(y.dataSync()), [0, 1, 2, 1, 2, 0, 0, 3, 4, 3, 4, 0]);
    });
  });

  test(`windowConcat gradients match autodiff of pad/slice/concat and finite differences on ${backend}`, async () => {
    await use(backend);
    checkGradients((x) => windowConcat(x as tf.Tensor3D, 1), (x) => reference(x, 1), [rand([2, 3, 2], 7)]);
  });
}

for (const backend of BACKENDS) {
  test(`windowConcat(x3d, 1, mask): padding reads as zeros and gets a zero window; gradients match on ${backend}`, async () => {
    await use(backend);
    const mask = tf.tensor3d([1, 1, 0, 1, 0, 0], [2, 3, 1]);
    tf.tidy(() => {
      const y = windowConcat(tf.tensor3d([[[1], [2], [9]], [[3], [9], [9]]]), 1, mask);
      assert.deepEqual(Array.from(y.dataSync()), [0, 1, 2, 1, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]);
    });
    // Reference: zero the padding, window it, zero the padding rows' windows.
    checkGradients(
      (x) => windowConcat(x as tf.Tensor3D, 1, mask),
      (x) => tf.mul(reference(tf.mul(x, mask), 1), mask),
      [rand([2, 3, 2], 8)],
    );
    mask.dispose();
  });
}

test('windowConcatRagged notices a lengths array changed in place (no stale cached plan)', async () => {
  await use('cpu');
  tf.tidy(() => {
    const x = tf.tensor2d([[1], [2], [3]]);
    const lengths = [1, 2];
    assert.deepEqual(Array.from(windowConcatRagged(x, lengths, 1).dataSync()), [0, 1, 0, 0, 2, 3, 2, 3, 0]);
    lengths[0] = 2;
    lengths[1] = 1;
    assert.deepEqual(Array.from(windowConcatRagged(x, lengths, 1).dataSync()), [0, 1, 2, 1, 2, 0, 0, 3, 0]);
  });
});
