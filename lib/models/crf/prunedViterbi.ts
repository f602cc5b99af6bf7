import type { CrfStructure, FactoredCrfParams } from './factoredCrf';
import { factoredViterbiLattice, greedyIsOptimal } from './factoredViterbi';
import { scratchOf } from './scratch';

// Exact Viterbi for the class-factored CRF that runs the dynamic programme over the few entity
// labels that can be on the best path. Relax the CRF to its tag classes (a class's score at a
// token: its best tag's emission; transitions: the best of A and A + S; labels forgotten): a
// forward and a backward max-sum pass over the 5 classes give, for every tag j at token t, an
// upper bound on any valid path through it. A valid path over the labels of the per-token argmax
// gives a lower bound LB on the optimum. A label none of whose tags reaches LB at any token cannot
// be on the best path, and the programme over the remaining labels is exact.
// On SNIPS (39 labels, 157 tags) most texts keep a handful of labels.

/** Below LB by more than this (relative; float rounding of the sums) before a label is dropped. */
const SLACK = 1e-9;

/** The best path over 'O' and `labels` only, and its score. */
function restricted(emissions: ArrayLike<number>, T: number, p: FactoredCrfParams, s: CrfStructure, offset: number, labels: readonly number[]): { path: Int32Array; score: number } {
  const path = factoredViterbiLattice(emissions, T, p, s, offset, labels);
  return { path, score: factoredPathScore(emissions, offset, path, p, s) };
}

/** The score of a full-tag path over emissions from flat index `offset`: emissions, start, class transitions (same-label bonus), end. */
export function factoredPathScore(emissions: ArrayLike<number>, offset: number, path: Int32Array, p: FactoredCrfParams, s: CrfStructure): number {
  const K = s.nTags;
  const C = s.nClasses;
  const T = path.length;
  if (T === 0) return 0;
  let score = p.start[s.classOf[path[0]]] + p.end[s.classOf[path[T - 1]]];
  for (let t = 0; t < T; t++) score += emissions[offset + t * K + path[t]];
  for (let t = 1; t < T; t++) {
    const i = path[t - 1];
    const j = path[t];
    const k = s.classOf[i] * C + s.classOf[j];
    score += p.A[k] + (s.labelOf[i] >= 0 && s.labelOf[i] === s.labelOf[j] ? p.S[k] : 0);
  }
  return score;
}

/**
 * The best valid tag sequence under emissions + factored CRF scores (the same path as
 * factoredViterbi): the exact greedy shortcut when it applies, else the dynamic programme over
 * the labels the class-relaxation bound (file comment) cannot rule out.
 */
export function prunedFactoredViterbi(emissions: ArrayLike<number>, T: number, p: FactoredCrfParams, s: CrfStructure, offset = 0): Int32Array {
  const path = new Int32Array(T);
  if (T === 0) return path;
  if (greedyIsOptimal(emissions, T, p, s, offset, path)) return path;
  const K = s.nTags;
  const C = s.nClasses;
  const L = s.nLabels;
  if (L === 0) return factoredViterbiLattice(emissions, T, p, s, offset);
  // One scratch block: relaxed class transitions, each class's best emission per token (m), and
  // into / back: the best relaxed prefix score ending in class c at t (without t's emission) and
  // the best suffix score after t.
  const x = scratchOf(s); // names distinct from factoredViterbiLattice's, which runs while these are held
  const f = x.float('pruneBounds', C * C + 3 * T * C, false);
  const trans = f.subarray(0, C * C);
  const m = f.subarray(C * C, C * C + T * C);
  const into = f.subarray(C * C + T * C, C * C + 2 * T * C);
  const back = f.subarray(C * C + 2 * T * C, C * C + 3 * T * C);
  trans.fill(-Infinity);
  for (let q = 0; q < s.pairs.length; q++) {
    const k = s.pairs[q];
    trans[k] = s.relation[k] === 2 ? p.A[k] + p.S[k] : p.A[k] + Math.max(0, p.S[k]);
  }
  m.fill(-Infinity);
  const keep = x.int('pruneKeep', L);
  keep.fill(0, 0, L);
  for (let t = 0; t < T; t++) {
    const base = offset + t * K;
    let best = -Infinity;
    let arg = 0;
    for (let j = 0; j < K; j++) {
      const v = emissions[base + j];
      if (v > best) {
        best = v;
        arg = j;
      }
      const c = t * C + s.classOf[j];
      if (v > m[c]) m[c] = v;
    }
    if (s.labelOf[arg] >= 0) keep[s.labelOf[arg]] = 1;
  }
  for (let c = 0; c < C; c++) into[c] = s.startOk[c] ? p.start[c] : -Infinity;
  for (let t = 1; t < T; t++) {
    for (let c = 0; c < C; c++) {
      let v = -Infinity;
      for (let ci = 0; ci < C; ci++) v = Math.max(v, into[(t - 1) * C + ci] + m[(t - 1) * C + ci] + trans[ci * C + c]);
      into[t * C + c] = v;
    }
  }
  for (let c = 0; c < C; c++) back[(T - 1) * C + c] = s.endOk[c] ? p.end[c] : -Infinity;
  for (let t = T - 2; t >= 0; t--) {
    for (let c = 0; c < C; c++) {
      let v = -Infinity;
      for (let cj = 0; cj < C; cj++) v = Math.max(v, trans[c * C + cj] + m[(t + 1) * C + cj] + back[(t + 1) * C + cj]);
      back[t * C + c] = v;
    }
  }
  const seedLabels: number[] = [];
  for (let l = 0; l < L; l++) if (keep[l]) seedLabels.push(l);
  const lower = restricted(emissions, T, p, s, offset, seedLabels);
  if (!Number.isFinite(lower.score)) return factoredViterbiLattice(emissions, T, p, s, offset);
  const threshold = lower.score - SLACK * (1 + Math.abs(lower.score));
  for (let t = 0; t < T; t++) {
    const base = offset + t * K;
    for (let c = 0; c < C; c++) {
      const outer = into[t * C + c] + back[t * C + c];
      // The class's best tag bounds all of its tags: most (token, class) cells end here.
      if (s.plainTag[c] >= 0 || !(outer + m[t * C + c] >= threshold)) continue;
      for (let l = 0; l < L; l++) {
        const j = s.tagOf[c * L + l];
        if (j >= 0 && !keep[l] && outer + emissions[base + j] >= threshold) keep[l] = 1;
      }
    }
  }
  const active: number[] = [];
  for (let l = 0; l < L; l++) if (keep[l]) active.push(l);
  if (active.length === seedLabels.length) return lower.path;
  if (active.length === L) return factoredViterbiLattice(emissions, T, p, s, offset);
  return restricted(emissions, T, p, s, offset, active).path;
}
