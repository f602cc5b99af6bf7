import { customOp, matMulFast, padRagged, tapeRecording, tf, type Ragged } from '../../engine';

/**
 * Pooling and broadcasting between tokens and texts as matrix products with constant 0/1 (or
 * 1/length) matrices built in JavaScript: their gradients are plain matMuls, fast on wasm, where
 * segment sums and gather gradients are not.
 */

/**
 * [nDocs, nTokens] with a weight at each text's rows (empty texts get a zero row): 1/length for a
 * mean, 1 for a sum, 1/√length for a sum scaled to unit length (a binary bag as a unit vector).
 */
export function meanMatrix(lengths: number[], weighting: 'mean' | 'sum' | 'sqrt' = 'mean'): tf.Tensor2D {
  const n = lengths.reduce((a, b) => a + b, 0);
  const m = new Float32Array(lengths.length * n);
  let offset = 0;
  lengths.forEach((len, b) => {
    const w = weighting === 'sum' ? 1 : weighting === 'sqrt' ? 1 / Math.sqrt(len) : 1 / len;
    for (let t = 0; t < len; t++) m[b * n + offset + t] = w;
    offset += len;
  });
  return tf.tensor2d(m, [lengths.length, n]);
}

/** Mean of each text's token vectors: [nDocs, D] (zeros for empty texts). A JavaScript custom op: O(nTokens·D) both ways. */
export function meanPool(x: Ragged): tf.Tensor2D {
  return poolTexts(x, true, false);
}

/**
 * Max of each text's token vectors: [nDocs, D] (zeros for empty texts). A custom op computed in
 * JavaScript: tf.max's gradient broadcasts an Equal over the padded batch, the slowest kernel of a
 * training step on wasm; here the backward pass routes dy to the argmax rows directly.
 */
export function maxPool(x: Ragged): tf.Tensor2D {
  return poolTexts(x, false, true);
}

/** [mean ; max] of each text's token vectors in one pass over the input: [nDocs, 2D] (zeros for empty texts). */
export function meanMaxPool(x: Ragged): tf.Tensor2D {
  return poolTexts(x, true, true);
}

/**
 * Per text, the mean and/or the max of its token vectors, side by side ([mean ; max], width D or
 * 2D), as one JavaScript custom op: one read of the input forward; backward, dy/len to every token
 * (mean) and dy to each column's argmax token (max).
 */
function poolTexts(x: Ragged, mean: boolean, max: boolean): tf.Tensor2D {
  const [n, d] = x.data.shape;
  const lengths = x.lengths;
  const B = lengths.length;
  const w = (mean ? d : 0) + (max ? d : 0); // output row width
  const mo = max && mean ? d : 0; // where the max block starts in a row
  const track = tapeRecording(); // the backward pass needs each column's argmax token
  const op = customOp<tf.Tensor2D>(([data]) => {
    const values = data.dataSync() as Float32Array;
    const out = new Float32Array(B * w);
    const arg = new Int32Array(max && track ? B * d : 0).fill(-1);
    // Column by column with the running sum and max in locals (one store per output, not per token);
    // Math.fround keeps the sum's float32 rounding of the earlier row-wise loop, so outputs are unchanged.
    const fr = Math.fround;
    let offset = 0;
    for (let b = 0; b < B; b++) {
      const len = lengths[b];
      const row = b * w;
      const end = (offset + len) * d;
      if (len > 0) {
        for (let k = 0; k < d; k++) {
          let i = offset * d + k;
          let sum = values[i];
          let top = sum;
          if (track) {
            // Training: the backward pass needs each column's (first) argmax token.
            let at = offset;
            for (let t = offset + 1; t < offset + len; t++) {
              const v = values[t * d + k];
              sum = fr(sum + v);
              if (v > top) {
                top = v;
                at = t;
              }
            }
            if (max) arg[b * d + k] = at;
          } else {
            for (i += d; i < end; i += d) {
              const v = values[i];
              sum = fr(sum + v);
              top = v > top ? v : top;
            }
          }
          if (mean) out[row + k] = sum / len;
          if (max) out[row + mo + k] = top;
        }
      }
      offset += len;
    }
    return {
      value: tf.tensor2d(out, [B, w]),
      gradFunc: (dy) => {
        const g = dy.dataSync() as Float32Array;
        const dx = new Float32Array(n * d);
        let u = 0;
        for (let b = 0; b < B; b++) {
          const len = lengths[b];
          if (mean) for (let e = u + len; u < e; u++) for (let k = 0; k < d; k++) dx[u * d + k] = g[b * w + k] / len;
          else u += len;
          if (max) for (let k = 0; k < d; k++) if (arg[b * d + k] >= 0) dx[arg[b * d + k] * d + k] += g[b * w + mo + k];
        }
        return [tf.tensor2d(dx, [n, d])];
      },
    };
  });
  return op(x.data);
}

/** Per-text rows copied to each of their tokens: [nDocs, S] → [nTokens, S] (gradient: sums over each text's tokens). */
export function broadcastToTokens(rows: tf.Tensor2D, lengths: number[]): tf.Tensor2D {
  const [B, s] = rows.shape;
  const n = lengths.reduce((a, b) => a + b, 0);
  const op = customOp<tf.Tensor2D>(([r]) => {
    const values = r.dataSync() as Float32Array;
    const out = new Float32Array(n * s);
    let t = 0;
    for (let b = 0; b < B; b++) for (let e = t + lengths[b]; t < e; t++) out.set(values.subarray(b * s, b * s + s), t * s);
    return {
      value: tf.tensor2d(out, [n, s]),
      gradFunc: (dy) => {
        const g = dy.dataSync() as Float32Array;
        const dr = new Float32Array(B * s);
        let u = 0;
        for (let b = 0; b < B; b++) for (let e = u + lengths[b]; u < e; u++) for (let k = 0; k < s; k++) dr[b * s + k] += g[u * s + k];
        return [tf.tensor2d(dr, [B, s])];
      },
    };
  });
  return op(rows);
}

/** Attention pooling: softmax over each text's tokens of scores [nTokens, 1], weighting x: [nDocs, D]. */
export function attentionPool(x: Ragged, scores: tf.Tensor2D): tf.Tensor2D {
  const padded = padRagged({ data: scores, lengths: x.lengths });
  const masked = tf.add(padded.data, tf.mul(tf.sub(padded.mask, 1), 1e4)); // [B, T, 1]
  const weights = tf.expandDims(tf.softmax(tf.squeeze(masked, [2])), 2); // [B, T, 1]
  return tf.sum(tf.mul(weights, padRagged(x).data), 1) as tf.Tensor2D;
}
