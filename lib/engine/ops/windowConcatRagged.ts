/**
 * Window concatenation over concatenated sequences: row t becomes [x[t−w], …, x[t], …, x[t+w]],
 * with zero rows where the window leaves its own sequence (or meets a masked-out row). Forward is
 * one row gather; backward one segment sum (dx[s] = Σ_o dy[s − o, block o]); see gatherRows.ts
 * for why not tf.gather. Plans are cached per `lengths` array, so the layers of one batch share one.
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

/**
 * Builds the forward gather and backward segment-sum indices. When `valid` is given, rows with
 * valid[t] = 0 (padding) neither contribute to nor receive a window: they read as zeros.
 */
export function windowPlan(lengths: number[], window: number, valid?: ArrayLike<number>): WindowPlan {
  const k = 2 * window + 1;
  const n = lengths.reduce((a, b) => a + b, 0);
  const ok = (t: number) => valid === undefined || valid[t] !== 0;
  const forward = new Int32Array(n * k).fill(-1);
  const rows: number[] = [];
  const segments: number[] = [];
  let start = 0;
  for (const len of lengths) {
    const end = start + len;
    for (let t = start; t < end; t++) {
      if (!ok(t)) continue;
      for (let o = 0; o < k; o++) {
        const src = t + o - window;
        if (src >= start && src < end && ok(src)) forward[t * k + o] = src;
        // Backward: token t receives block o of the row that saw it there, row t − (o − window).
        const row = t - (o - window);
        if (row >= start && row < end && ok(row)) {
          rows.push(row * k + o);
          segments.push(t);
        }
      }
    }
    start = end;
  }
  return { forward, gradientRows: Int32Array.from(rows), gradientSegments: Int32Array.from(segments) };
}

const planCache = new WeakMap<object, Map<number, { plan: WindowPlan; lengths?: number[] }>>();

/**
 * The plan for (key, window), built once per key object: a mask tensor (immutable), or a lengths
 * array (checked against a copy, since arrays can be changed in place).
 */
export function cachedPlan(key: object, window: number, build: () => WindowPlan): WindowPlan {
  let byWindow = planCache.get(key);
  if (byWindow === undefined) planCache.set(key, (byWindow = new Map()));
  const lengths = Array.isArray(key) ? (key as number[]) : undefined;
  const hit = byWindow.get(window);
  if (hit && (lengths === undefined || (hit.lengths!.length === lengths.length && hit.lengths!.every((n, i) => n === lengths[i])))) {
    return hit.plan;
  }
  const plan = build();
  byWindow.set(window, { plan, lengths: lengths?.slice() });
  return plan;
}

/** Applies a window plan to x [n, D]: returns [n, k·D] with its gather/segment-sum gradient. */
export function applyWindowPlan(x: tf.Tensor2D, plan: WindowPlan, window: number): tf.Tensor2D {
  const [n, d] = x.shape;
  const k = 2 * window + 1;
  const op = customOp<tf.Tensor2D>(([x_]) => ({
    value: tf.reshape(gatherRows(x_ as tf.Tensor2D, plan.forward), [n, k * d]) as tf.Tensor2D,
    gradFunc: (dy) => {
      const dx = segmentSumRows(tf.reshape(dy, [n * k, d]) as tf.Tensor2D, plan.gradientRows, plan.gradientSegments);
      // The op sizes its output by the last row that received anything: add the rest as zeros.
      const missing = n - dx.shape[0];
      return missing > 0 ? tf.concat([dx, tf.zeros([missing, d])], 0) : dx;
    },
  }));
  return op(x);
}

/** x [nTokens, D] → [nTokens, (2·window+1)·D]; windows stop at the ends of each sequence of `lengths`. */
export function windowConcatRagged(x: tf.Tensor2D, lengths: number[], window: number): tf.Tensor2D {
  checkLengths(lengths, x.shape[0], 'windowConcatRagged');
  if (window === 0) return x;
  return applyWindowPlan(x, cachedPlan(lengths, window, () => windowPlan(lengths, window)), window);
}
