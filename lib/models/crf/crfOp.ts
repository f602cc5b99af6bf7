import { customOp, tf } from '../../engine';
import { factoredCrfGrads, type CrfStructure } from './factoredCrf';
import { expParams } from './factoredLattice';
import { factoredCrfLoss, factoredRejectLoss, type DocRejectedSpan } from './factoredLoss';

/**
 * Mean per-token negative log-likelihood of the class-factored linear-chain CRF over a ragged
 * batch, as a differentiable tf op. emissions [nTokens, K]; A, S [C, C]; start, end [C]; `tags`
 * the gold tag per token (-1 = unknown). Forward-backward runs in JavaScript on the emission
 * values (O(K·C) per token, far cheaper than [B, K, K] tensors per step on wasm), so the op reads
 * its inputs synchronously; the gradient (marginals − gold counts) goes back as constant tensors × dy.
 * `rejected` spans (doc index into `lengths`) add −log(1 − P(span)) each (factoredRejectLoss).
 */
export function crfNll(
  emissions: tf.Tensor2D,
  A: tf.Tensor2D,
  S: tf.Tensor2D,
  start: tf.Tensor1D,
  end: tf.Tensor1D,
  lengths: number[],
  tags: Int32Array,
  structure: CrfStructure,
  rejected: readonly DocRejectedSpan[] = [],
): tf.Scalar {
  const [N, K] = emissions.shape;
  const C = structure.nClasses;
  let known = 0;
  for (let i = 0; i < tags.length; i++) if (tags[i] >= 0) known++;
  const norm = 1 / Math.max(1, known);
  const op = customOp<tf.Scalar>(([e, a, s, st, en]) => {
    const params = { A: a.dataSync(), S: s.dataSync(), start: st.dataSync(), end: en.dataSync() };
    const values = e.dataSync();
    const ep = expParams(params, structure);
    const grads = factoredCrfGrads(N * K, structure);
    let loss = 0;
    const offsets: number[] = [];
    let offset = 0;
    for (const len of lengths) {
      offsets.push(offset);
      // Texts whose tags are all unknown carry no signal (their loss is exactly 0).
      let any = false;
      for (let t = offset; t < offset + len; t++) if (tags[t] >= 0) any = true;
      if (any) loss += factoredCrfLoss(values, offset * K, len, tags, offset, params, structure, ep, grads, norm);
      offset += len;
    }
    for (const { doc, span } of rejected) loss += factoredRejectLoss(values, offsets[doc] * K, lengths[doc], span, structure, ep, grads, norm);
    return {
      value: tf.scalar(loss * norm),
      gradFunc: (dy) => [
        tf.mul(tf.tensor2d(grads.emissions, [N, K]), dy),
        tf.mul(tf.tensor2d(Float32Array.from(grads.A), [C, C]), dy),
        tf.mul(tf.tensor2d(Float32Array.from(grads.S), [C, C]), dy),
        tf.mul(tf.tensor1d(Float32Array.from(grads.start)), dy),
        tf.mul(tf.tensor1d(Float32Array.from(grads.end)), dy),
      ],
    };
  });
  return op(emissions, A, S, start, end);
}
