/**
 * Row moves between layouts (ragged ↔ padded, windows) as gathers whose gradient is another
 * gather. Valid when every source row lands at most once in the output, so the backward pass
 * needs no summation: dx[j] = dy[inverse[j]].
 */
import { tf } from '../backend';
import { customOp } from './customOp';

/** Gathers rows of x [N, D] (index −1 gives a zero row); N is passed for the zero-row position. */
function gatherWithZeros(x: tf.Tensor2D, index: Int32Array): tf.Tensor2D {
  const n = x.shape[0];
  let hasZeros = false;
  for (let i = 0; i < index.length; i++) if (index[i] < 0) hasZeros = true;
  if (!hasZeros) return tf.gather(x, tf.tensor1d(index, 'int32')) as tf.Tensor2D;
  const shifted = Int32Array.from(index, (j) => (j < 0 ? n : j));
  const padded = tf.concat([x, tf.zeros([1, x.shape[1]])], 0);
  return tf.gather(padded, tf.tensor1d(shifted, 'int32')) as tf.Tensor2D;
}

/**
 * y[i] = x[index[i]] (a zero row where index[i] < 0), for x [N, D]; `inverse` [N] maps each source
 * row to where it went (−1 if nowhere) and must be the inverse of `index`.
 */
export function permuteRows(x: tf.Tensor2D, index: Int32Array, inverse: Int32Array): tf.Tensor2D {
  const op = customOp<tf.Tensor2D>(([x_]) => ({
    value: gatherWithZeros(x_ as tf.Tensor2D, index),
    gradFunc: (dy) => gatherWithZeros(dy, inverse),
  }));
  return op(x);
}

/** The inverse of a row index into `n` source rows (−1 where a source row is not used). */
export function inverseIndex(index: Int32Array, n: number): Int32Array {
  const inverse = new Int32Array(n).fill(-1);
  index.forEach((j, i) => {
    if (j >= 0) inverse[j] = i;
  });
  return inverse;
}
