import { tf } from '../../engine';

/**
 * Mean cross-entropy of per-token softmax tag scores [nTokens, K] against gold tag ids
 * (-1 = unknown, skipped). The one-hot targets are built in JavaScript (no gather gradient).
 */
export function softmaxTagLoss(scores: tf.Tensor2D, tags: Int32Array): tf.Scalar {
  const [N, K] = scores.shape;
  const target = new Float32Array(N * K);
  let known = 0;
  for (let t = 0; t < N; t++) {
    if (tags[t] < 0) continue;
    target[t * K + tags[t]] = 1;
    known++;
  }
  if (known === 0) return tf.mul(tf.sum(scores), 0) as tf.Scalar;
  return tf.div(tf.neg(tf.sum(tf.mul(tf.logSoftmax(scores), tf.tensor2d(target, [N, K])))), known) as tf.Scalar;
}

/** Whether text `b` has any known category, and a known positive one. */
function rowAnnotation(cats: Float32Array, mask: Float32Array, b: number, C: number): { known: boolean; hasPos: boolean } {
  let known = false;
  let hasPos = false;
  for (let c = 0; c < C; c++) {
    if (mask[b * C + c] > 0) known = true;
    if (mask[b * C + c] > 0 && cats[b * C + c] > 0) hasPos = true;
  }
  return { known, hasPos };
}

/**
 * Category loss over logits [nDocs, C], averaged over texts with any known category.
 * Exclusive: softmax cross-entropy on texts with a known positive; a text with only known
 * negatives (Prodigy "reject") adds −log(1 − p) per rejected label. Multilabel: sigmoid
 * cross-entropy on the known entries only (absent categories are missing values, as in spaCy).
 */
export function catLoss(logits: tf.Tensor2D, cats: Float32Array, mask: Float32Array, exclusive: boolean): tf.Scalar {
  const [B, C] = logits.shape;
  let scored = 0;
  const pos = new Float32Array(B * C);
  const neg = new Float32Array(B * C);
  let anyNeg = false;
  for (let b = 0; b < B; b++) {
    const { known, hasPos } = rowAnnotation(cats, mask, b, C);
    if (!known) continue;
    scored++;
    for (let c = 0; c < C; c++) {
      const m = mask[b * C + c];
      if (!exclusive) {
        pos[b * C + c] = m; // known-entry mask for the sigmoid loss
      } else if (hasPos) {
        pos[b * C + c] = cats[b * C + c] * m;
      } else if (m > 0) {
        neg[b * C + c] = 1;
        anyNeg = true;
      }
    }
  }
  if (scored === 0) return tf.mul(tf.sum(logits), 0) as tf.Scalar;
  if (!exclusive) {
    const t = tf.tensor2d(cats, [B, C]);
    // Stable sigmoid cross-entropy: max(x, 0) − x·t + log(1 + exp(−|x|)).
    const ce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, t)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.div(tf.sum(tf.mul(ce, tf.tensor2d(pos, [B, C]))), scored) as tf.Scalar;
  }
  const logp = tf.logSoftmax(logits);
  let total = tf.neg(tf.sum(tf.mul(logp, tf.tensor2d(pos, [B, C]))));
  if (anyNeg) {
    const logNotP = tf.log(tf.maximum(tf.sub(1, tf.exp(logp)), 1e-7));
    total = tf.sub(total, tf.sum(tf.mul(logNotP, tf.tensor2d(neg, [B, C]))));
  }
  return tf.div(total, scored) as tf.Scalar;
}

/**
 * One-vs-rest squared hinge over logits [nDocs, C]: Σ max(0, 1 − y·s)² over the known entries
 * (y = +1 for a positive, −1 for a negative; an exclusive text with a known positive makes every
 * other category a negative), averaged over texts with any known category. A linear SVM when the
 * scores come from a linear model; it stops pushing a category once its margin is 1, where
 * softmax cross-entropy keeps growing the weights of the few texts it has.
 */
export function catHingeLoss(logits: tf.Tensor2D, cats: Float32Array, mask: Float32Array, exclusive: boolean): tf.Scalar {
  const [B, C] = logits.shape;
  const sign = new Float32Array(B * C);
  const known = new Float32Array(B * C);
  let scored = 0;
  for (let b = 0; b < B; b++) {
    const { known: any, hasPos } = rowAnnotation(cats, mask, b, C);
    if (!any) continue;
    scored++;
    for (let c = 0; c < C; c++) {
      const i = b * C + c;
      if (exclusive && hasPos) known[i] = 1;
      else known[i] = mask[i] > 0 ? 1 : 0;
      sign[i] = known[i] > 0 && cats[i] > 0 && mask[i] > 0 ? 1 : -1;
    }
  }
  if (scored === 0) return tf.mul(tf.sum(logits), 0) as tf.Scalar;
  const margin = tf.relu(tf.sub(1, tf.mul(logits, tf.tensor2d(sign, [B, C]))));
  return tf.div(tf.sum(tf.mul(tf.square(margin), tf.tensor2d(known, [B, C]))), scored) as tf.Scalar;
}

/** ½·λ·Σ‖W‖² over `weights` (0 when there are none): an L2 penalty whose gradient is λ·W. */
export function l2Penalty(weights: readonly tf.Tensor[], lambda: number): tf.Scalar {
  if (weights.length === 0) return tf.scalar(0);
  return tf.mul(tf.addN(weights.map((w) => tf.sum(tf.square(w)))), lambda / 2) as tf.Scalar;
}

/** Category probabilities from logits: softmax (exclusive) or sigmoid (multilabel). */
export function catProbabilities(logits: tf.Tensor2D, exclusive: boolean): tf.Tensor2D {
  return exclusive ? tf.softmax(logits) : tf.sigmoid(logits);
}
