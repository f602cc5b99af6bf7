/**
 * Column sums of a gradient [N, O] (the gradient of a bias or gain), as ones[1, N]·dy: on wasm a
 * sum over axis 0 is ~8x slower than this matMul.
 */
import { tf } from '../backend';

/** Σ_n dy[n, :] for dy [N, O]; returns [O]. */
export function biasGradient(dy: tf.Tensor2D): tf.Tensor1D {
  const n = dy.shape[0];
  return tf.reshape(tf.matMul(tf.ones([1, n]), dy), [dy.shape[1]]) as tf.Tensor1D;
}
