/**
 * Maxout y[n, o] = max_p (x·W + b)[n, o, p], the unit of spaCy's CNN encoder. W is [I, O·P] with
 * the pieces innermost, so the max is a reduction over the last axis of a free reshape.
 * The backward pass routes each gradient to the winning piece (argMax one-hot, so ties never
 * double-count) and uses plain matMuls only.
 */
import { tf } from '../backend';
import { customOp } from './customOp';
import { matMulTransposeA, matMulTransposeB } from './matMulFast';

/** Maxout over `pieces` for x [N, I], W [I, O·pieces], b [O·pieces]; returns [N, O]. */
export function maxoutOp(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, pieces: number): tf.Tensor2D {
  const n = x.shape[0];
  const nOP = W.shape[1];
  const nO = nOP / pieces;
  const op = customOp<tf.Tensor2D>(([x_, W_, b_], save) => {
    const z = tf.reshape(tf.fused.matMul({ a: x_ as tf.Tensor2D, b: W_ as tf.Tensor2D, bias: b_ }), [n, nO, pieces]);
    save([x_, W_, z]);
    return {
      value: tf.max(z, 2) as tf.Tensor2D,
      gradFunc: (dy, saved) => {
        const [xs, Ws, zs] = saved;
        // oneHot's dtype argument is ignored by the wasm kernel (it writes int32 bits): cast instead.
        const winner = tf.cast(tf.oneHot(tf.argMax(zs, 2), pieces), 'float32');
        const dz = tf.reshape(tf.mul(winner, tf.expandDims(dy, 2)), [n, nOP]) as tf.Tensor2D;
        return [matMulTransposeB(dz, Ws as tf.Tensor2D), matMulTransposeA(xs as tf.Tensor2D, dz), tf.sum(dz, 0)];
      },
    };
  });
  return op(x, W, b);
}
