/**
 * Layer normalisation over the last axis, y = g·(x − μ)/√(σ² + eps) + b, with the closed-form
 * backward pass (fewer, larger ops than autodiff through mean and variance):
 * dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + eps), dx̂ = dy·g.
 */
import { tf } from '../backend';
import { biasGradient } from './biasGradient';
import { customOp } from './customOp';

/** Default variance epsilon (float32-safe). */
export const LAYER_NORM_EPS = 1e-5;

/** Normalises x [..., D] over its last axis and applies gain g [D] and bias b [D]. */
export function layerNorm<T extends tf.Tensor>(x: T, g: tf.Tensor1D, b: tf.Tensor1D, eps = LAYER_NORM_EPS): T {
  const shape = x.shape;
  const d = shape[shape.length - 1];
  if (x.size === 0) return tf.zeros(shape) as T;
  const op = customOp<T>(([x_, g_, b_], save) => {
    const x2 = tf.reshape(x_, [-1, d]);
    const centered = tf.sub(x2, tf.mean(x2, 1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), 1, true), eps));
    const xhat = tf.mul(centered, rstd);
    save([xhat, rstd, g_]);
    return {
      value: tf.reshape(tf.add(tf.mul(xhat, g_), b_), shape) as T,
      gradFunc: (dy, saved) => {
        const [xh, rs, gs] = saved;
        const dy2 = tf.reshape(dy, [-1, d]);
        const dxhat = tf.mul(dy2, gs);
        const meanDxhat = tf.mean(dxhat, 1, true);
        const meanDxhatXhat = tf.mean(tf.mul(dxhat, xh), 1, true);
        const dx = tf.mul(tf.sub(tf.sub(dxhat, meanDxhat), tf.mul(xh, meanDxhatXhat)), rs);
        return [tf.reshape(dx, shape), biasGradient(tf.mul(dy2, xh) as tf.Tensor2D), biasGradient(dy2 as tf.Tensor2D)];
      },
    };
  });
  return op(x, g, b);
}
