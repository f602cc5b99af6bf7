/**
 * Window concatenation over concatenated sequences: row t becomes [x[t−w], …, x[t], …, x[t+w]],
 * with zero rows where the window leaves its own sequence. Forward is one row gather; backward
 * one segment sum (dx[s] = Σ_o dy[s − o, block o]); see gatherRows.ts for why not tf.gather.
 */
import { tf } from '../backend';
import { checkLengths } from '../seq';
import { customOp } from './customOp';
import { gatherRows, segmentSumRows } from './gatherRows';

/** Gather plans for windows of half-width `window` over sequences of `lengths`. */
export interface WindowPlan {
  /** forward[t·k + o] = source row of block o of row t, or −1 (k = 2·window + 1). */
  forward: Int32Array;
  /** Backward segment sum: row gradientRows[j] of dy (as [n·k, D]) adds into dx[gradientSegments[j]]. */
  gradientRows: Int32Array;
  gradientSegments: Int32Array;
}

/** Builds the forward gather and backward segment-sum indices. */
export function windowPlan(lengths: number[], window: number): WindowPlan {
  const k = 2 * window + 1;
  const n = lengths.reduce((a, b) => a + b, 0);
  const forward = new Int32Array(n * k).fill(-1);
  const rows: number[] = [];
  const segments: number[] = [];
  let start = 0;
  for (const len of lengths) {
    const end = start + len;
    for (let t = start; t < end; t++) {
      for (let o = 0; o < k; o++) {
        const src = t + o - window;
        if (src >= start && src < end) forward[t * k + o] = src;
        // Backward: token t receives block o of the row that saw it there, row t − (o − window).
        const row = t - (o - window);
        if (row >= start && row < end) {
          rows.push(row * k + o);
          segments.push(t);
        }
      }
    }
    start = end;
  }
  return { forward, gradientRows: Int32Array.from(rows), gradientSegments: Int32Array.from(segments) };
}

/** x [nTokens, D] → [nTokens, (2·window+1)·D]; windows stop at the ends of each sequence of `lengths`. */
export function windowConcatRagged(x: tf.Tensor2D, lengths: number[], window: number): tf.Tensor2D {
  const [n, d] = x.shape;
  checkLengths(lengths, n, 'windowConcatRagged');
  if (window === 0) return x;
  const k = 2 * window + 1;
  const plan = windowPlan(lengths, window);
  const op = customOp<tf.Tensor2D>(([x_]) => ({
    value: tf.reshape(gatherRows(x_ as tf.Tensor2D, plan.forward), [n, k * d]) as tf.Tensor2D,
    gradFunc: (dy) => {
      const dx = segmentSumRows(tf.reshape(dy, [n * k, d]) as tf.Tensor2D, plan.gradientRows, plan.gradientSegments);
      // Every token receives at least its own centre block, so dx has all n rows.
      return dx;
    },
  }));
  return op(x);
}
