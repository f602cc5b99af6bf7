/**
 * Maxout y[n, o] = max_p (x·W + b)[n, o, p], the unit of spaCy's CNN encoder. W is [I, O·P] with
 * the pieces innermost, so the max is a reduction over the last axis of a free reshape.
 * The backward pass routes each gradient to the winning piece only (ties never double-count)
 * and uses plain matMuls. Finding the winners runs as a loop over the values: on wasm, tfjs'
 * argMax, comparisons and broadcasting multiplies over a last axis of 2–4 elements cost more.
 */
import { tf } from '../backend';
import { biasGradient } from './biasGradient';
import { customOp } from './customOp';
import { matMulTransposeA, matMulTransposeB } from './matMulFast';

/** dz [N·O·P]: dy[i] at the first piece of row i whose value equals the max y[i], zeros elsewhere. */
function routeToWinners(z: ArrayLike<number>, y: ArrayLike<number>, dy: ArrayLike<number>, pieces: number): Float32Array {
  const dz = new Float32Array(z.length);
  for (let i = 0, j = 0; i < y.length; i++, j += pieces) {
    const best = y[i];
    let k = j;
    while (z[k] !== best && k < j + pieces - 1) k++;
    dz[k] = dy[i];
  }
  return dz;
}

/** Maxout over `pieces` for x [N, I], W [I, O·pieces], b [O·pieces]; returns [N, O]. */
export function maxoutOp(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, pieces: number): tf.Tensor2D {
  const n = x.shape[0];
  const nOP = W.shape[1];
  const nO = nOP / pieces;
  // XNNPACK (wasm) rejects a matMul with zero rows: an empty batch maps to an empty output.
  if (n === 0) return tf.zeros([0, nO]);
  const op = customOp<tf.Tensor2D>(([x_, W_, b_], save) => {
    const z = tf.fused.matMul({ a: x_ as tf.Tensor2D, b: W_ as tf.Tensor2D, bias: b_ });
    const y = tf.reshape(tf.max(tf.reshape(z, [n * nO, pieces]), 1), [n, nO]) as tf.Tensor2D;
    save([x_, W_, z, y]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [xs, Ws, zs, ys] = saved as tf.Tensor2D[];
        const dz = tf.tensor2d(routeToWinners(zs.dataSync(), ys.dataSync(), dy.dataSync(), pieces), [n, nOP]);
        return [matMulTransposeB(dz, Ws), matMulTransposeA(xs, dz), biasGradient(dz)];
      },
    };
  });
  return op(x, W, b);
}
