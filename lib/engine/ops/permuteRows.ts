/**
 * Row moves between layouts (ragged ↔ padded) whose gradient is another row move. Valid when
 * every source row lands at most once in the output, so the backward pass needs no summation:
 * dx[j] = dy[inverse[j]].
 */
import type { tf } from '../backend';
import { customOp } from './customOp';
import { gatherRows } from './gatherRows';

/**
 * y[i] = x[index[i]] (a zero row where index[i] < 0), for x [N, D]; `inverse` [N] maps each source
 * row to where it went (−1 if nowhere) and must be the inverse of `index`.
 */
export function permuteRows(x: tf.Tensor2D, index: Int32Array, inverse: Int32Array): tf.Tensor2D {
  const op = customOp<tf.Tensor2D>(([x_]) => ({
    value: gatherRows(x_ as tf.Tensor2D, index),
    gradFunc: (dy) => gatherRows(dy, inverse),
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
