/**
 * Mean of each sequence's rows in a ragged batch (spaCy's reduce_mean), for text classification
 * over token vectors. Forward is one segment mean; backward gives each token dy[seq]/length, as
 * one row gather and one multiply (no tf.gather gradient).
 */
import { tf } from '../backend';
import { checkLengths, type Ragged } from '../seq';
import { customOp } from './customOp';
import { gatherRows, segmentSumRows } from './gatherRows';

/** [B, D]: row b is the mean of sequence b's rows (zeros for an empty sequence). */
export function meanPool(r: Ragged): tf.Tensor2D {
  const [n, d] = r.data.shape;
  checkLengths(r.lengths, n, 'meanPool');
  const B = r.lengths.length;
  const rows = new Int32Array(n);
  const seqOf = new Int32Array(n);
  const scale = new Float32Array(n);
  for (let b = 0, t = 0; b < B; b++) {
    for (let i = 0; i < r.lengths[b]; i++, t++) {
      rows[t] = t;
      seqOf[t] = b;
      scale[t] = 1 / r.lengths[b];
    }
  }
  const op = customOp<tf.Tensor2D>(([x]) => {
    let sums = n === 0 ? tf.zeros([0, d]) : segmentSumRows(x as tf.Tensor2D, rows, seqOf);
    // The segment sum stops at the last non-empty sequence: trailing empty ones are zeros.
    if (sums.shape[0] < B) sums = tf.concat([sums, tf.zeros([B - sums.shape[0], d])], 0);
    const inverseLengths = tf.tensor2d(r.lengths.map((len) => (len > 0 ? 1 / len : 0)), [B, 1]);
    return {
      value: tf.mul(sums, inverseLengths) as tf.Tensor2D,
      gradFunc: (dy) => tf.mul(gatherRows(dy, seqOf), tf.tensor2d(scale, [n, 1])),
    };
  });
  return op(r.data);
}
