import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, raggedAttention } from '../../../lib/engine';
import { BACKENDS, use, rand, checkGradients, assertClose } from '../helpers';

/** The same attention with tf ops, one sequence and one head at a time (autodiff gives its gradients). */
function reference(qkv: tf.Tensor2D, lengths: number[], heads: number): tf.Tensor2D {
  const d = qkv.shape[1] / 3;
  const dh = d / heads;
  const rows: tf.Tensor2D[] = [];
  let start = 0;
  for (const T of lengths) {
    if (T === 0) continue;
    const seq = tf.slice(qkv, [start, 0], [T, 3 * d]);
    const perHead = Array.from({ length: heads }, (_, h) => {
      const q = tf.slice(seq, [0, h * dh], [T, dh]);
      const k = tf.slice(seq, [0, d + h * dh], [T, dh]);
      const v = tf.slice(seq, [0, 2 * d + h * dh], [T, dh]);
      const p = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)));
      return tf.matMul(p, v);
    });
    rows.push(tf.concat(perHead, 1) as tf.Tensor2D);
    start += T;
  }
  return (rows.length ? tf.concat(rows, 0) : tf.zeros([0, d])) as tf.Tensor2D;
}

for (const backend of BACKENDS) {
  test(`raggedAttention matches per-sequence softmax attention, forward and gradients, on ${backend}`, async () => {
    await use(backend);
    const lengths = [3, 0, 1, 4];
    for (const heads of [1, 2]) {
      checkGradients(
        (x) => raggedAttention(x as tf.Tensor2D, lengths, heads),
        (x) => reference(x as tf.Tensor2D, lengths, heads),
        [tf.mul(rand([8, 12], heads), 2)],
      );
    }
  });

  test(`raggedAttention: a token never reads another text on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const x = rand([5, 6], 3);
      const changed = tf.concat([tf.slice(x, [0, 0], [2, 6]), tf.add(tf.slice(x, [2, 0], [3, 6]), 5)], 0) as tf.Tensor2D;
      const a = raggedAttention(x, [2, 3], 1).arraySync();
      const b = raggedAttention(changed, [2, 3], 1).arraySync();
      assert.deepEqual(b.slice(0, 2), a.slice(0, 2));
      assert.notDeepEqual(b.slice(2), a.slice(2));
      // One token attends only to itself: its output is its own v.
      const single = raggedAttention(tf.tensor2d([[1, 2, 3, 4, 5, 6]]), [1], 2);
      assertClose(single.dataSync(), [5, 6], 1e-6, 1e-6, 'single token');
    });
  });

  test(`raggedAttention refuses lengths that do not sum to the rows on ${backend}`, async () => {
    await use(backend);
    assert.throws(() => tf.tidy(() => raggedAttention(rand([4, 6], 1), [2, 1], 1)), /lengths sum to 3 but the data has 4 rows/);
  });
}
