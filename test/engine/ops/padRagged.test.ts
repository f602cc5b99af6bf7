import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, padRagged, unpadRagged } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

/** gather as a one-hot matMul: autodiff-able on every backend (wasm has no UnsortedSegmentSum). */
const gatherRef = (x: tf.Tensor, ids: number[]) =>
  tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), x.shape[0]!).toFloat(), x as tf.Tensor2D);

for (const backend of BACKENDS) {
  test(`padRagged / unpadRagged round-trip with zeros and mask at padding on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 1], [2, 2], [3, 3]]);
      const p = padRagged({ data: x, lengths: [1, 2] });
      assert.deepEqual(p.data.shape, [2, 2, 2]);
      assert.deepEqual(Array.from(p.data.dataSync()), [1, 1, 0, 0, 2, 2, 3, 3]);
      assert.deepEqual(Array.from(p.mask.dataSync()), [1, 0, 1, 1]);
      const r = unpadRagged(p, [1, 2]);
      assert.deepEqual(Array.from(r.data.dataSync()), Array.from(x.dataSync()));
    });
  });

  test(`padRagged and unpadRagged gradients match autodiff of a one-hot matMul gather and finite differences on ${backend}`, async () => {
    await use(backend);
    const lengths = [2, 0, 3];
    const slots = [0, 1, 5, 5, 5, 5, 2, 3, 4]; // row 5 = appended zero row
    checkGradients(
      (x) => padRagged({ data: x as tf.Tensor2D, lengths }).data,
      (x) => tf.reshape(gatherRef(tf.concat([x, tf.zeros([1, 2])]), slots), [3, 3, 2]),
      [rand([5, 2], 1)],
    );
    const back = [0, 1, 6, 7, 8];
    checkGradients(
      (x) => unpadRagged({ data: x as tf.Tensor3D, mask: tf.ones([3, 3, 1]) as tf.Tensor3D }, lengths).data,
      (x) => gatherRef(tf.reshape(x, [9, 2]), back),
      [rand([3, 3, 2], 2)],
    );
  });
}
