import type { TagConstraints } from './tagConstraints';

/** CRF parameters as plain arrays: trans[from·K + to], start[K], end[K]. */
export interface CrfParams {
  trans: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

/** Gradient accumulators of `crfLoss` (added to, so a batch can share them). */
export interface CrfGrads {
  /** Same layout as the emissions. */
  emissions: Float32Array;
  /** Per allowed transition, in the constraints' CSR order (see `transGradToMatrix`). */
  trans: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

/** Zeroed gradient accumulators for `nValues` emission values. */
export function crfGrads(nValues: number, c: TagConstraints): CrfGrads {
  return {
    emissions: new Float32Array(nValues),
    trans: new Float64Array(c.prevIndex.length),
    start: new Float64Array(c.nTags),
    end: new Float64Array(c.nTags),
  };
}

/** The CSR-ordered transition gradient as a K×K (from, to) matrix (zeros at forbidden transitions). */
export function transGradToMatrix(g: Float64Array, c: TagConstraints): Float32Array {
  const K = c.nTags;
  const out = new Float32Array(K * K);
  for (let j = 0; j < K; j++) for (let q = c.prevOffset[j]; q < c.prevOffset[j + 1]; q++) out[c.prevIndex[q] * K + j] = g[q];
  return out;
}

/**
 * Negative log-likelihood of the gold tags of one sequence under a linear-chain CRF restricted
 * to valid sequences (invalid transitions have probability 0, not a learned penalty), and its
 * gradient (marginals − gold counts) added to `grads` times `scale`.
 *
 * `gold[goldOffset + t]` is the tag of token t, or -1 when unknown (spaCy's '-': the loss then
 * sums over every valid tag there, a partially-supervised CRF as in Tsuboi et al. 2008).
 * Computed with the scaled forward-backward algorithm in exp space (Rabiner 1989), which needs
 * only multiply-adds in the inner loop; the work is O(T · allowed transitions).
 */
export function crfLoss(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  gold: ArrayLike<number>,
  goldOffset: number,
  params: CrfParams,
  c: TagConstraints,
  expTrans: Float64Array,
  grads: CrfGrads,
  scale: number,
): number {
  if (T === 0) return 0;
  const all = forwardBackward(emissions, offset, T, undefined, 0, params, c, expTrans);
  let known = true;
  for (let t = 0; t < T; t++) if (gold[goldOffset + t] < 0) known = false;
  let goldLogZ: number;
  const K = c.nTags;
  accumulate(all, offset, T, c, expTrans, grads, scale);
  if (known) {
    // One gold path: its score, and one-hot "marginals".
    goldLogZ = 0;
    let prev = -1;
    for (let t = 0; t < T; t++) {
      const y = gold[goldOffset + t];
      goldLogZ += emissions[offset + t * K + y];
      grads.emissions[offset + t * K + y] -= scale;
      if (t === 0) {
        goldLogZ += params.start[y];
        grads.start[y] -= scale;
      } else {
        goldLogZ += params.trans[prev * K + y];
        const q = csrIndex(c, prev, y);
        if (q < 0) goldLogZ = -Infinity;
        else grads.trans[q] -= scale;
      }
      prev = y;
    }
    goldLogZ += params.end[prev];
    grads.end[prev] -= scale;
    if (!c.start[gold[goldOffset]] || !c.end[prev]) goldLogZ = -Infinity;
  } else {
    const constrained = forwardBackward(emissions, offset, T, gold, goldOffset, params, c, expTrans);
    goldLogZ = constrained.logZ;
    accumulate(constrained, offset, T, c, expTrans, grads, -scale);
  }
  return all.logZ - goldLogZ;
}

/**
 * exp(trans) of the allowed transitions in the constraints' CSR order (entry q is the transition
 * prevIndex[q] → the tag whose prev list holds q), computed once per batch. Inner loops then read
 * it sequentially instead of striding down a column of the K×K matrix.
 */
export function expTransitions(trans: ArrayLike<number>, c: TagConstraints): Float64Array {
  const K = c.nTags;
  const out = new Float64Array(c.prevIndex.length);
  for (let j = 0; j < K; j++) {
    for (let q = c.prevOffset[j]; q < c.prevOffset[j + 1]; q++) out[q] = Math.exp(trans[c.prevIndex[q] * K + j]);
  }
  return out;
}

/** log Σ over valid paths of exp(score): the CRF log-partition of one sequence. */
export function crfLogPartition(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  params: CrfParams,
  c: TagConstraints,
): number {
  if (T === 0) return 0;
  return forwardBackward(emissions, offset, T, undefined, 0, params, c, expTransitions(params.trans, c)).logZ;
}

/** Position of transition from → to in the CSR lists, or -1 when forbidden. */
function csrIndex(c: TagConstraints, from: number, to: number): number {
  for (let q = c.prevOffset[to]; q < c.prevOffset[to + 1]; q++) if (c.prevIndex[q] === from) return q;
  return -1;
}

/** Forward-backward state of one sequence (shared by the full and the class-factored CRF). */
export interface Lattice {
  logZ: number;
  /** Normalised forward variables, T·K. */
  alpha: Float64Array;
  /** Scaled backward variables, T·K (alpha·beta = marginals). */
  beta: Float64Array;
  /** exp(emission − max) restricted to the tags allowed at t, T·K. */
  psi: Float64Array;
  /** Per-step normalisers. */
  scale: Float64Array;
}

/**
 * psi[t·K + j] = exp(emission − max over allowed tags at t), with only the gold tag allowed where
 * `gold` gives one (≥ 0); returns Σ_t of the maxima (the part of log Z taken out for stability).
 */
export function emissionPotentials(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  K: number,
  gold: ArrayLike<number> | undefined,
  goldOffset: number,
  psi: Float64Array,
): number {
  let total = 0;
  for (let t = 0; t < T; t++) {
    const y = gold ? gold[goldOffset + t] : -1;
    let m = -Infinity;
    for (let j = 0; j < K; j++) if (y < 0 || j === y) m = Math.max(m, emissions[offset + t * K + j]);
    for (let j = 0; j < K; j++) psi[t * K + j] = y < 0 || j === y ? Math.exp(emissions[offset + t * K + j] - m) : 0;
    total += m;
  }
  return total;
}

function forwardBackward(
  emissions: ArrayLike<number>,
  offset: number,
  T: number,
  gold: ArrayLike<number> | undefined,
  goldOffset: number,
  params: CrfParams,
  c: TagConstraints,
  E: Float64Array,
): Lattice {
  const K = c.nTags;
  const { prevOffset, prevIndex } = c;
  const alpha = new Float64Array(T * K);
  const beta = new Float64Array(T * K);
  const psi = new Float64Array(T * K);
  const scale = new Float64Array(T);
  let logZ = emissionPotentials(emissions, offset, T, K, gold, goldOffset, psi);
  let sum = 0;
  for (let j = 0; j < K; j++) {
    const a = c.start[j] ? Math.exp(params.start[j]) * psi[j] : 0;
    alpha[j] = a;
    sum += a;
  }
  scale[0] = sum;
  for (let j = 0; j < K; j++) alpha[j] /= sum;
  for (let t = 1; t < T; t++) {
    sum = 0;
    const at = t * K;
    const ap = at - K;
    for (let j = 0; j < K; j++) {
      const p = psi[at + j];
      if (p === 0) continue;
      let s = 0;
      for (let q = prevOffset[j], qe = prevOffset[j + 1]; q < qe; q++) s += alpha[ap + prevIndex[q]] * E[q];
      const a = s * p;
      alpha[at + j] = a;
      sum += a;
    }
    scale[t] = sum;
    for (let j = 0; j < K; j++) alpha[at + j] /= sum;
  }
  let zEnd = 0;
  const last = (T - 1) * K;
  for (let j = 0; j < K; j++) if (c.end[j]) zEnd += alpha[last + j] * Math.exp(params.end[j]);
  for (let j = 0; j < K; j++) beta[last + j] = c.end[j] ? Math.exp(params.end[j]) / zEnd : 0;
  for (let t = T - 2; t >= 0; t--) {
    const bt = t * K;
    const bn = bt + K;
    const cn = scale[t + 1];
    for (let j = 0; j < K; j++) {
      const w = (psi[bn + j] * beta[bn + j]) / cn;
      if (w === 0) continue;
      for (let q = prevOffset[j], qe = prevOffset[j + 1]; q < qe; q++) beta[bt + prevIndex[q]] += E[q] * w;
    }
  }
  for (let t = 0; t < T; t++) logZ += Math.log(scale[t]);
  logZ += Math.log(zEnd);
  return { logZ, alpha, beta, psi, scale };
}

/** Adds `sign·scale ×` (node marginals, transition marginals, start/end marginals) to the grads. */
function accumulate(L: Lattice, offset: number, T: number, c: TagConstraints, E: Float64Array, grads: CrfGrads, scale: number): void {
  const K = c.nTags;
  const { alpha, beta, psi } = L;
  const { prevOffset, prevIndex } = c;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < K; j++) {
      const p = alpha[t * K + j] * beta[t * K + j];
      if (p !== 0) grads.emissions[offset + t * K + j] += scale * p;
    }
  }
  for (let j = 0; j < K; j++) {
    grads.start[j] += scale * alpha[j] * beta[j];
    grads.end[j] += scale * alpha[(T - 1) * K + j] * beta[(T - 1) * K + j];
  }
  for (let t = 1; t < T; t++) {
    const at = t * K;
    const ap = at - K;
    const ct = L.scale[t];
    for (let j = 0; j < K; j++) {
      const w = (scale * psi[at + j] * beta[at + j]) / ct;
      if (w === 0) continue;
      for (let q = prevOffset[j], qe = prevOffset[j + 1]; q < qe; q++) grads.trans[q] += alpha[ap + prevIndex[q]] * E[q] * w;
    }
  }
}
