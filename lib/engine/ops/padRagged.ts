/** Conversions between ragged (concatenated) and padded sequence batches, as row permutations. */
import { tf } from '../backend';
import { checkLengths, maskFromLengths, type Padded, type Ragged } from '../seq';
import { inverseIndex, permuteRows } from './permuteRows';

/** For each padded slot b·T + t, the ragged row it holds (−1 for padding). */
function paddedIndex(lengths: number[], T: number): Int32Array {
  const index = new Int32Array(lengths.length * T).fill(-1);
  let start = 0;
  lengths.forEach((n, b) => {
    for (let t = 0; t < n; t++) index[b * T + t] = start + t;
    start += n;
  });
  return index;
}

/** Ragged [nTokens, D] → Padded [B, T, D] with T the longest length (or `T` if larger); zeros at padding. */
export function padRagged(r: Ragged, T: number = Math.max(0, ...r.lengths)): Padded {
  const [n, d] = r.data.shape;
  checkLengths(r.lengths, n, 'padRagged');
  const index = paddedIndex(r.lengths, T);
  const data = tf.reshape(permuteRows(r.data, index, inverseIndex(index, n)), [r.lengths.length, T, d]) as tf.Tensor3D;
  return { data, mask: maskFromLengths(r.lengths, T) };
}

/** Padded [B, T, D] → Ragged [sum(lengths), D]: keeps the first lengths[b] rows of each sequence. */
export function unpadRagged(p: Padded, lengths: number[]): Ragged {
  const [B, T, d] = p.data.shape;
  const n = lengths.reduce((a, b) => a + b, 0);
  checkLengths(lengths, n, 'unpadRagged');
  const toPadded = paddedIndex(lengths, T);
  const index = inverseIndex(toPadded, n);
  const data = permuteRows(tf.reshape(p.data, [B * T, d]) as tf.Tensor2D, index, toPadded);
  return { data, lengths };
}
