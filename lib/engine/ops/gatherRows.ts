/**
 * Row gathering as the backends do it fastest. tf.gather is slow on wasm (an element-wise loop:
 * ~50 ms for 12k rows of 96) and its gradient needs UnsortedSegmentSum, which wasm lacks and cpu
 * runs as one op per segment; tf.sparse.sparseSegmentSum copies whole rows on cpu, wasm and
 * tfjs-node (~1 ms for the same 12k rows on wasm). These helpers have no gradient of their own:
 * they are the building blocks of the custom ops.
 */
import { tf } from '../backend';

/** Σ rows: out[segments[j]] += x[indices[j]]; segments must be non-decreasing; [segments.at(-1)+1, D]. */
export function segmentSumRows(x: tf.Tensor2D, indices: Int32Array, segments: Int32Array): tf.Tensor2D {
  return tf.sparse.sparseSegmentSum(x, tf.tensor1d(indices, 'int32'), tf.tensor1d(segments, 'int32')) as tf.Tensor2D;
}

/** y[i] = x[index[i]] for x [N, D], with a zero row wherever index[i] < 0; returns [index.length, D]. */
export function gatherRows(x: tf.Tensor2D, index: Int32Array): tf.Tensor2D {
  const d = x.shape[1];
  let valid = 0;
  for (let i = 0; i < index.length; i++) if (index[i] >= 0) valid++;
  if (valid === 0) return tf.zeros([index.length, d]);
  const indices = new Int32Array(valid);
  const segments = new Int32Array(valid);
  for (let i = 0, k = 0; i < index.length; i++) {
    if (index[i] < 0) continue;
    indices[k] = index[i];
    segments[k++] = i;
  }
  const out = segmentSumRows(x, indices, segments);
  // The op sizes its output by the last segment: trailing empty rows are added as zeros.
  const missing = index.length - out.shape[0];
  return missing > 0 ? (tf.concat([out, tf.zeros([missing, d])], 0) as tf.Tensor2D) : out;
}
