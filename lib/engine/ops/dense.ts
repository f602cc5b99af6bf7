/** Fused affine layer y = act(x·W + b) with a backward pass of plain matMuls (see matMulFast.ts). */
import { tf } from '../backend';
import { customOp } from './customOp';
import { biasGradient } from './biasGradient';
import { matMulTransposeA, matMulTransposeB } from './matMulFast';

/** Activation applied by `dense`. */
export type DenseActivation = 'linear' | 'relu';

/** y = act(x·W + b) for x [N, I], W [I, O], b [O]; gradients for x, W and b. */
export function dense(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  // XNNPACK (wasm) rejects a matMul with zero rows: an empty batch maps to an empty output.
  if (x.shape[0] === 0) return tf.zeros([0, W.shape[1]]);
  const op = customOp<tf.Tensor2D>(([x_, W_, b_], save) => {
    // The fused kernel adds the bias (and applies relu) in the matMul's own loop.
    const y = tf.fused.matMul({ a: x_ as tf.Tensor2D, b: W_ as tf.Tensor2D, bias: b_, activation }) as tf.Tensor2D;
    // relu's derivative is read off the output (y > 0), so z need not be kept.
    save(activation === 'relu' ? [x_, W_, y] : [x_, W_]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, Ws, ys] = saved as tf.Tensor2D[];
        const dz = (activation === 'relu' ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
        return [matMulTransposeB(dz, Ws), matMulTransposeA(xs, dz), biasGradient(dz)];
      },
    };
  });
  return op(x, W, b);
}
