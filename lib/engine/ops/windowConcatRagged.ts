/**
 * Window concatenation over concatenated sequences: row t becomes [x[t−w], …, x[t], …, x[t+w]],
 * with zero rows where the window leaves its own sequence. Forward is one gather; backward is one
 * gather plus a sum (dx[s] = Σ_o dy[s − o, block o]), never tf.gather's unsortedSegmentSum.
 */
import { tf } from '../backend';
import { customOp } from './customOp';
import { checkLengths } from '../seq';

/** Forward and backward gather indices for windows of half-width `window` over sequences of `lengths`. */
export function windowIndices(lengths: number[], window: number): { forward: Int32Array; backward: Int32Array } {
  const k = 2 * window + 1;
  const n = lengths.reduce((a, b) => a + b, 0);
  const forward = new Int32Array(n * k).fill(-1);
  const backward = new Int32Array(n * k).fill(-1);
  let start = 0;
  for (const len of lengths) {
    const end = start + len;
    for (let t = start; t < end; t++) {
      for (let o = 0; o < k; o++) {
        const src = t + o - window;
        if (src >= start && src < end) {
          forward[t * k + o] = src;
          // src's gradient from block o of row t; seen from src, that row is src − (o − window).
          backward[src * k + o] = t * k + o;
        }
      }
    }
    start = end;
  }
  return { forward, backward };
}

/** Gathers rows of x (index −1 gives a zero row). */
function gatherOrZero(x: tf.Tensor2D, index: Int32Array): tf.Tensor2D {
  const n = x.shape[0];
  const shifted = Int32Array.from(index, (j) => (j < 0 ? n : j));
  return tf.gather(tf.concat([x, tf.zeros([1, x.shape[1]])], 0), tf.tensor1d(shifted, 'int32')) as tf.Tensor2D;
}

/** x [nTokens, D] → [nTokens, (2·window+1)·D]; windows stop at the ends of each sequence of `lengths`. */
export function windowConcatRagged(x: tf.Tensor2D, lengths: number[], window: number): tf.Tensor2D {
  const [n, d] = x.shape;
  checkLengths(lengths, n, 'windowConcatRagged');
  if (window === 0) return x;
  const k = 2 * window + 1;
  const { forward, backward } = windowIndices(lengths, window);
  const op = customOp<tf.Tensor2D>(([x_]) => ({
    value: tf.reshape(gatherOrZero(x_ as tf.Tensor2D, forward), [n, k * d]) as tf.Tensor2D,
    gradFunc: (dy) => {
      const rows = gatherOrZero(tf.reshape(dy, [n * k, d]) as tf.Tensor2D, backward);
      return tf.sum(tf.reshape(rows, [n, k, d]), 1);
    },
  }));
  return op(x);
}
