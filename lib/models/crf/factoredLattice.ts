// Forward-backward of the factored CRF: the lattice (log Z, scaled α and β) and its marginals added to gradients.
import { emissionPotentials, type Lattice } from './crf';
import type { CrfStructure, FactoredCrfGrads, FactoredCrfParams } from './factoredCrf';
import { scratchOf } from './scratch';

/** exp of the params, computed once per batch. */
export interface ExpParams {
  eA: Float64Array;
  /** exp(A + S). */
  eAS: Float64Array;
  eStart: Float64Array;
  eEnd: Float64Array;
}

/** exp(A), exp(A+S), exp(start), exp(end) (one batch shares them). */
export function expParams(p: FactoredCrfParams, s: CrfStructure): ExpParams {
  const C = s.nClasses;
  const eA = new Float64Array(C * C);
  const eAS = new Float64Array(C * C);
  for (let k = 0; k < C * C; k++) {
    eA[k] = Math.exp(p.A[k]);
    eAS[k] = Math.exp(p.A[k] + p.S[k]);
  }
  return { eA, eAS, eStart: Float64Array.from({ length: C }, (_, c) => Math.exp(p.start[c])), eEnd: Float64Array.from({ length: C }, (_, c) => Math.exp(p.end[c])) };
}

/** log Σ over valid paths of exp(score). */
export function factoredLogPartition(emissions: ArrayLike<number>, offset: number, T: number, p: FactoredCrfParams, s: CrfStructure): number {
  return T === 0 ? 0 : lattice(emissions, offset, T, undefined, 0, s, expParams(p, s)).logZ;
}

/**
 * One step of the factored forward or backward pass, for every tag j (into `out`), from the
 * per-class totals of v: forward Σ_{i ∈ prev(j)} v(i) · exp(s(i, j)), backward (the transpose)
 * Σ_{i ∈ next(j)} exp(s(j, i)) · v(i). "Open" class pairs contribute exp(A)·total +
 * (exp(A+S) − exp(A))·v(same-label tag), "same" pairs exp(A+S)·v(same-label tag).
 */
function propagate(v: Float64Array, vo: number, out: Float64Array, oo: number, s: CrfStructure, e: ExpParams, classSum: Float64Array, backward: boolean): void {
  const K = s.nTags;
  const L = s.nLabels;
  const { classOf, labelOf, tagOf, relation } = s;
  // The class pairs into each class (forward) or out of it (backward), and the class at their other end.
  const offsets = backward ? s.outOffset : s.inOffset;
  const pairs = backward ? s.outPairs : s.inPairs;
  const other = backward ? s.outTo : s.inFrom;
  classSum.fill(0);
  for (let i = 0; i < K; i++) classSum[classOf[i]] += v[vo + i];
  for (let j = 0; j < K; j++) {
    const cj = classOf[j];
    const lj = labelOf[j];
    let sum = 0;
    for (let q = offsets[cj], qe = offsets[cj + 1]; q < qe; q++) {
      const k = pairs[q];
      const ci = other[q];
      const same = lj >= 0 ? tagOf[ci * L + lj] : -1;
      const vs = same >= 0 ? v[vo + same] : 0;
      if (relation[k] === 1) sum += e.eA[k] * classSum[ci] + (e.eAS[k] - e.eA[k]) * vs;
      else sum += e.eAS[k] * vs;
    }
    out[oo + j] = sum;
  }
}


/** Scaled forward-backward (Rabiner 1989) over the valid paths (those through `gold` where it is ≥ 0), in scratch arrays. */
export function lattice(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  gold: ArrayLike<number> | undefined,
  goldOffset: number,
  s: CrfStructure,
  e: ExpParams,
): Lattice {
  const K = s.nTags;
  const x = scratchOf(s);
  const alpha = x.float('alpha', T * K, false);
  const beta = x.float('beta', T * K, false);
  const psi = x.float('psi', T * K, false);
  const scale = x.float('scale', T, false);
  const classSum = x.float('classSum', s.nClasses, false);
  const tmp = x.float('tmp', K, false);
  let logZ = emissionPotentials(emissions, offset, T, K, gold, goldOffset, psi);
  let sum = 0;
  for (let j = 0; j < K; j++) {
    const cj = s.classOf[j];
    const a = s.startOk[cj] ? e.eStart[cj] * psi[j] : 0;
    alpha[j] = a;
    sum += a;
  }
  scale[0] = sum;
  for (let j = 0; j < K; j++) alpha[j] /= sum;
  for (let t = 1; t < T; t++) {
    propagate(alpha, (t - 1) * K, tmp, 0, s, e, classSum, false);
    sum = 0;
    for (let j = 0; j < K; j++) {
      const a = tmp[j] * psi[t * K + j];
      alpha[t * K + j] = a;
      sum += a;
    }
    scale[t] = sum;
    for (let j = 0; j < K; j++) alpha[t * K + j] /= sum;
  }
  const last = (T - 1) * K;
  let zEnd = 0;
  for (let j = 0; j < K; j++) {
    const cj = s.classOf[j];
    if (s.endOk[cj]) zEnd += alpha[last + j] * e.eEnd[cj];
  }
  for (let j = 0; j < K; j++) {
    const cj = s.classOf[j];
    beta[last + j] = s.endOk[cj] ? e.eEnd[cj] / zEnd : 0;
  }
  const w = x.float('w', K, false);
  for (let t = T - 2; t >= 0; t--) {
    const cn = scale[t + 1];
    for (let j = 0; j < K; j++) w[j] = (psi[(t + 1) * K + j] * beta[(t + 1) * K + j]) / cn;
    propagate(w, 0, beta, t * K, s, e, classSum, true);
  }
  for (let t = 0; t < T; t++) logZ += Math.log(scale[t]);
  logZ += Math.log(zEnd);
  return { logZ, alpha, beta, psi, scale };
}

/** Adds scale × (node, class-pair, start and end marginals) to the grads. */
export function accumulate(Lt: Lattice, offset: number, T: number, s: CrfStructure, e: ExpParams, grads: FactoredCrfGrads, scale: number): void {
  const K = s.nTags;
  const C = s.nClasses;
  const L = s.nLabels;
  const { alpha, beta, psi } = Lt;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < K; j++) {
      const m = alpha[t * K + j] * beta[t * K + j];
      if (m !== 0) grads.emissions[offset + t * K + j] += scale * m;
    }
  }
  for (let j = 0; j < K; j++) {
    grads.start[s.classOf[j]] += scale * alpha[j] * beta[j];
    grads.end[s.classOf[j]] += scale * alpha[(T - 1) * K + j] * beta[(T - 1) * K + j];
  }
  const x = scratchOf(s);
  const G = x.float('G', C);
  const W = x.float('W', C);
  const w = x.float('wAcc', K);
  for (let t = 1; t < T; t++) {
    const ap = (t - 1) * K;
    G.fill(0);
    W.fill(0);
    for (let j = 0; j < K; j++) {
      w[j] = (scale * psi[t * K + j] * beta[t * K + j]) / Lt.scale[t];
      G[s.classOf[j]] += alpha[ap + j];
      W[s.classOf[j]] += w[j];
    }
    for (let q = 0; q < s.pairs.length; q++) {
      const k = s.pairs[q];
      const ci = Math.floor(k / C);
      const cj = k - ci * C;
      // P = Σ_l α(ci, l) · w(cj, l): the same-label pairs of this class pair.
      let P = 0;
      for (let l = 0; l < L; l++) {
        const i = s.tagOf[ci * L + l];
        const j = s.tagOf[cj * L + l];
        if (i >= 0 && j >= 0) P += alpha[ap + i] * w[j];
      }
      const sameMass = e.eAS[k] * P;
      grads.S[k] += sameMass;
      grads.A[k] += s.relation[k] === 1 ? e.eA[k] * (G[ci] * W[cj] - P) + sameMass : sameMass;
    }
  }
}
