/**
 * Matrix products whose backward pass never asks tfjs for a transposed matMul: on wasm,
 * matMul(a, b, transposeA/transposeB) runs ~10x slower than a plain matMul on a pre-transposed
 * operand, so the gradients transpose explicitly (the cheaper operand) and multiply plainly.
 */
import { tf } from '../backend';
import { customOp } from './customOp';

/** a·bᵀ for a [N, K], b [M, K], via an explicit transpose of b. */
export function matMulTransposeB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, tf.transpose(b));
}

/**
 * aᵀ·b for a [N, I], b [N, O] (the weight gradient xᵀ·dy). Transposes whichever costs fewer
 * element moves: a (N·I), or b and the [O, I] result (N·O + O·I), computing (bᵀ·a)ᵀ.
 */
export function matMulTransposeA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const [n, i] = a.shape;
  const o = b.shape[1];
  if (n * i <= n * o + o * i) return tf.matMul(tf.transpose(a), b);
  return tf.transpose(tf.matMul(tf.transpose(b), a)) as tf.Tensor2D;
}

/** a·b for a [N, I], b [I, O], with a backward pass made of plain matMuls (dA = dY·bᵀ, dB = aᵀ·dY). */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  // XNNPACK (wasm) rejects a matMul with zero rows: an empty batch maps to an empty output.
  if (a.shape[0] === 0) return tf.zeros([0, b.shape[1]]);
  const op = customOp<tf.Tensor2D>(([a_, b_], save) => {
    const x = a_ as tf.Tensor2D;
    const w = b_ as tf.Tensor2D;
    save([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        const g = dy;
        return [matMulTransposeB(g, ws), matMulTransposeA(xs, g)];
      },
    };
  });
  return op(a, b);
}
