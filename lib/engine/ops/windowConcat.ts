/** Window concatenation over a padded batch [B, T, D] (each row one sequence of length T). */
import { tf } from '../backend';
import { applyWindowPlan, cachedPlan, windowPlan } from './windowConcatRagged';

/**
 * x [B, T, D] → [B, T, (2·window+1)·D]: each position gets its neighbours' vectors, zeros beyond
 * positions 0 and T−1. With `mask` [B, T, 1], masked-out positions read as zeros to their
 * neighbours and get a zero window themselves, so padding never leaks into real tokens.
 */
export function windowConcat(x: tf.Tensor3D, window: number, mask?: tf.Tensor3D): tf.Tensor3D {
  const [B, T, d] = x.shape;
  const k = 2 * window + 1;
  if (window === 0 && mask === undefined) return x;
  const lengths = new Array<number>(B).fill(T);
  const build = () => windowPlan(lengths, window, mask?.dataSync());
  const plan = mask === undefined ? windowPlan(lengths, window) : cachedPlan(mask, window, build);
  const flat = applyWindowPlan(tf.reshape(x, [B * T, d]) as tf.Tensor2D, plan, window);
  return tf.reshape(flat, [B, T, k * d]) as tf.Tensor3D;
}
