// Losses of the factored CRF: the gold-path negative log-likelihood and the rejected-span loss.
import type { CrfStructure, FactoredCrfGrads, FactoredCrfParams } from './factoredCrf';
import { accumulate, lattice, type ExpParams } from './factoredLattice';

/**
 * Negative log-likelihood of the gold tags of one sequence (gold[goldOffset + t], -1 = unknown:
 * summed over, as in crf.ts) and its gradient added to `grads` × `scale`. Scaled forward-backward
 * (Rabiner 1989) with the class-factored sums: O(T · K · C).
 */
export function factoredCrfLoss(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  gold: ArrayLike<number>,
  goldOffset: number,
  p: FactoredCrfParams,
  s: CrfStructure,
  e: ExpParams,
  grads: FactoredCrfGrads,
  scale: number,
): number {
  if (T === 0) return 0;
  const all = lattice(emissions, offset, T, undefined, 0, s, e);
  accumulate(all, offset, T, s, e, grads, scale);
  const logZ = all.logZ; // the lattice's arrays are scratch, reused below
  let known = true;
  for (let t = 0; t < T; t++) if (gold[goldOffset + t] < 0) known = false;
  if (!known) {
    const constrained = lattice(emissions, offset, T, gold, goldOffset, s, e);
    accumulate(constrained, offset, T, s, e, grads, -scale);
    return logZ - constrained.logZ;
  }
  const K = s.nTags;
  const C = s.nClasses;
  let score = 0;
  let prev = -1;
  for (let t = 0; t < T; t++) {
    const y = gold[goldOffset + t];
    score += emissions[offset + t * K + y];
    grads.emissions[offset + t * K + y] -= scale;
    const cy = s.classOf[y];
    if (t === 0) {
      score += p.start[cy];
      grads.start[cy] -= scale;
      if (!s.startOk[cy]) score = -Infinity;
    } else {
      const cp = s.classOf[prev];
      const k = cp * C + cy;
      const rel = s.relation[k];
      const same = s.labelOf[prev] >= 0 && s.labelOf[prev] === s.labelOf[y];
      if (rel === 0 || (rel === 2 && !same)) score = -Infinity;
      score += p.A[k] + (same ? p.S[k] : 0);
      grads.A[k] -= scale;
      if (same) grads.S[k] -= scale;
    }
    prev = y;
  }
  const cl = s.classOf[prev];
  score += p.end[cl];
  grads.end[cl] -= scale;
  if (!s.endOk[cl]) score = -Infinity;
  return logZ - score;
}

/**
 * A rejected span as forced tag sequences whose signed probabilities add up to the span's: BILUO
 * `B I… L` (or `U`) alone; BIO `B I…` minus the same followed by `I` (the entity must end there).
 */
export interface RejectedSpan {
  /** First token of the span, within the text. */
  start: number;
  /** Forced tags from `start` on, with the sign of their path probability in P(span). */
  sequences: { sign: 1 | -1; tags: Int32Array }[];
}

/** A rejected span of one text of a batch: `doc` indexes the batch's texts (and `lengths`). */
export interface DocRejectedSpan {
  doc: number;
  span: RejectedSpan;
}

/**
 * −log(1 − P(span)) for a span an annotator rejected (Prodigy binary "reject"), P under the CRF's
 * distribution over valid paths, with its gradient added to `grads` × scale:
 * scale/(1 − P) · (Σ sign·P_seq·E_seq[f] − P·E[f]), E_seq the expected features with the sequence
 * forced (exact, from forward-backward; P is capped at 1 − 1e-6). Returns the loss.
 */
export function factoredRejectLoss(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  span: RejectedSpan,
  s: CrfStructure,
  e: ExpParams,
  grads: FactoredCrfGrads,
  scale: number,
): number {
  if (T === 0) return 0;
  const forced = span.sequences.map(({ tags }) => {
    const gold = new Int32Array(T).fill(-1);
    gold.set(tags.subarray(0, Math.max(0, T - span.start)), span.start);
    return gold;
  });
  // The lattice arrays are scratch, reused by every call: the forced sequences' log Z first, then
  // the free lattice (log Z, hence P, and its gradient term at once), then the forced ones again.
  const forcedLogZ = forced.map((gold) => lattice(emissions, offset, T, gold, 0, s, e).logZ);
  const all = lattice(emissions, offset, T, undefined, 0, s, e);
  const probs = forcedLogZ.map((z) => Math.exp(z - all.logZ));
  let P = 0;
  span.sequences.forEach(({ sign }, i) => (P += sign * probs[i]));
  P = Math.min(Math.max(P, 0), 1 - 1e-6);
  const factor = scale / (1 - P);
  accumulate(all, offset, T, s, e, grads, -factor * P);
  forced.forEach((gold, i) => accumulate(lattice(emissions, offset, T, gold, 0, s, e), offset, T, s, e, grads, factor * span.sequences[i].sign * probs[i]));
  return -Math.log(1 - P);
}
