/** Window concatenation over a padded batch [B, T, D] (each row is one sequence of length T). */
import { tf } from '../backend';
import { windowConcatRagged } from './windowConcatRagged';

/**
 * x [B, T, D] → [B, T, (2·window+1)·D]: each position gets its neighbours' vectors, zeros beyond
 * positions 0 and T−1. Padding is not masked here: multiply x by the mask first so padding
 * vectors cannot leak into real tokens.
 */
export function windowConcat(x: tf.Tensor3D, window: number): tf.Tensor3D {
  const [B, T, d] = x.shape;
  const flat = windowConcatRagged(tf.reshape(x, [B * T, d]) as tf.Tensor2D, new Array<number>(B).fill(T), window);
  return tf.reshape(flat, [B, T, (2 * window + 1) * d]) as tf.Tensor3D;
}
