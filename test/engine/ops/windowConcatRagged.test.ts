import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, windowConcatRagged } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients } from '../helpers';

/** Reference: per sequence, pad with zeros, slice the shifted copies, concatenate (tf autodiff throughout). */
function reference(x: tf.Tensor, lengths: number[], w: number): tf.Tensor {
  const parts: tf.Tensor[] = [];
  let start = 0;
  for (const n of lengths) {
    const seq = tf.slice(x, [start, 0], [n, -1]);
    const padded = tf.pad(seq, [[w, w], [0, 0]]);
    parts.push(tf.concat(Array.from({ length: 2 * w + 1 }, (_, o) => tf.slice(padded, [o, 0], [n, -1])), 1));
    start += n;
  }
  return tf.concat(parts, 0);
}

for (const backend of BACKENDS) {
  test(`windowConcatRagged(x, lengths, 1) keeps windows inside each sequence on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = tf.tensor2d([[1], [2], [3], [4], [5]]);
      const y = windowConcatRagged(x, [2, 3], 1);
      assert.deepEqual(Array.from(y.dataSync()), [0, 1, 2, 1, 2, 0, 0, 3, 4, 3, 4, 5, 4, 5, 0]);
    });
  });

  for (const w of [1, 2]) {
    test(`windowConcatRagged window=${w} gradients match autodiff of pad/slice/concat and finite differences on ${backend}`, async () => {
      await use(backend);
      const lengths = [3, 1, 4];
      checkGradients((x) => windowConcatRagged(x as tf.Tensor2D, lengths, w), (x) => reference(x, lengths, w), [rand([8, 2], w)]);
    });
  }

  test(`windowConcatRagged checks that lengths cover the rows on ${backend}`, async () => {
    await use(backend);
    const x = tf.zeros([4, 2]) as tf.Tensor2D;
    assert.throws(() => windowConcatRagged(x, [2, 1], 1), /lengths sum to 3 but the data has 4 rows/);
    x.dispose();
  });
}
