import { WorkbenchError } from '../../errors';
import { splitTag, type TagConstraints } from './tagConstraints';
import { emissionPotentials, type Lattice } from './crf';

/**
 * A linear-chain CRF over BILUO/BIO tags whose transition scores are factored by tag class:
 *   s(i → j) = A[class(i), class(j)] + (label(i) = label(j) ? S[class(i), class(j)] : 0)
 * on allowed transitions only (classes O, B, I, L, U). A full K×K transition matrix makes the
 * forward-backward and Viterbi passes cost O(K²) per token (≈6,400 steps for SNIPS's 157 BILUO
 * tags), which dominated a training step; with this form every sum and max over predecessors
 * groups by class, so both cost O(K·C). What it gives up is label-pair-specific transitions
 * ("B-city after L-state"), which the encoder's context window already sees; what it keeps is
 * sequence-level normalisation, learned class transitions (e.g. L→B of adjacent entities) and the
 * hard constraints.
 */
export interface CrfStructure {
  nTags: number;
  /** Number of tag classes (5 for BILUO: O B I L U; 3 for BIO: O B I). */
  nClasses: number;
  nLabels: number;
  /** Class and label index (-1 for O) of each tag. */
  classOf: Int32Array;
  labelOf: Int32Array;
  /** tagOf[c · nLabels + l]: the tag of class c and label l, or -1. */
  tagOf: Int32Array;
  /** The tag of the unlabelled class ('O'), per class; -1 for labelled classes. */
  plainTag: Int32Array;
  /**
   * relation[ci · C + cj]: 0 = no transition from class ci to class cj, 1 = from every tag of
   * class ci ("open"), 2 = only from the tag of ci with the same label ("same").
   */
  relation: Uint8Array;
  /** Whether each class may start / end a sequence. */
  startOk: Uint8Array;
  endOk: Uint8Array;
  /** The class pairs with transitions, as k = ci · C + cj (inner loops skip the others). */
  pairs: Int32Array;
  /** For each target class cj, its predecessor pairs k (CSR: inPairs[inOffset[cj] .. inOffset[cj + 1]]). */
  inOffset: Int32Array;
  inPairs: Int32Array;
  /** The source class of each entry of inPairs. */
  inFrom: Int32Array;
  /** For each source class ci, its successor pairs k (CSR). */
  outOffset: Int32Array;
  outPairs: Int32Array;
  /** The target class of each entry of outPairs. */
  outTo: Int32Array;
  /** For pair q (index into `pairs`) and label l: source tag pairFrom[q·L + l] and target tag pairTo[q·L + l] (-1 if none). */
  pairFrom: Int32Array;
  pairTo: Int32Array;
}

/** The factored CRF params as plain arrays: A, S [C·C] (from-class major), start, end [C]. */
export interface FactoredCrfParams {
  A: ArrayLike<number>;
  S: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

/** Gradient accumulators of `factoredCrfLoss` (added to). */
export interface FactoredCrfGrads {
  emissions: Float32Array;
  A: Float64Array;
  S: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

const CLASS_ORDER = ['O', 'B', 'I', 'L', 'U'];

/** Number of CRF tag classes of a tag scheme (O B I L U, or O B I): the shape of A and S. */
export function crfClassCount(tagScheme: 'biluo' | 'bio'): number {
  return tagScheme === 'biluo' ? 5 : 3;
}

/**
 * The class structure of a tag list, checked against its constraints: every class pair must be
 * "none", "open" (all tags of the class may precede) or "same" (only the same label may), and
 * start/end must depend on the class only, which holds for BILUO and BIO.
 */
export function crfStructure(tags: readonly string[], c: TagConstraints, tagScheme: 'biluo' | 'bio'): CrfStructure {
  const K = tags.length;
  const parts = tags.map(splitTag);
  // The classes come from the scheme (not from the tags present), so the param shapes do too.
  const classes = tagScheme === 'biluo' ? CLASS_ORDER : CLASS_ORDER.slice(0, 3);
  if (parts.some(([p]) => !classes.includes(p))) throw new WorkbenchError('E407', `tags ${JSON.stringify(tags)} are not all ${tagScheme.toUpperCase()} tags`);
  const labels = [...new Set(parts.filter(([p]) => p !== 'O').map(([, l]) => l))];
  const C = classes.length;
  const L = labels.length;
  const classOf = Int32Array.from(parts, ([p]) => classes.indexOf(p));
  const labelOf = Int32Array.from(parts, ([p, l]) => (p === 'O' ? -1 : labels.indexOf(l)));
  const tagOf = new Int32Array(C * Math.max(1, L)).fill(-1);
  const plainTag = new Int32Array(C).fill(-1);
  for (let t = 0; t < K; t++) {
    if (labelOf[t] < 0) plainTag[classOf[t]] = t;
    else tagOf[classOf[t] * L + labelOf[t]] = t;
  }
  const relation = new Uint8Array(C * C);
  const startOk = new Uint8Array(C);
  const endOk = new Uint8Array(C);
  const fail = (why: string): never => {
    throw new WorkbenchError('E407', `the tag constraints cannot be factored by class (${why}); use heads.tagger.decoder "softmax"`);
  };
  for (let ci = 0; ci < C; ci++) {
    const from = [...Array(K).keys()].filter((t) => classOf[t] === ci);
    if (from.length === 0) continue; // a class without tags (no entity labels): no transitions
    startOk[ci] = c.start[from[0]];
    endOk[ci] = c.end[from[0]];
    if (from.some((t) => c.start[t] !== startOk[ci] || c.end[t] !== endOk[ci])) fail(`start/end differ within class ${classes[ci]}`);
    for (let cj = 0; cj < C; cj++) {
      const to = [...Array(K).keys()].filter((t) => classOf[t] === cj);
      let all = true;
      let none = true;
      let sameOnly = true;
      for (const i of from) {
        for (const j of to) {
          const ok = c.allowed[i * K + j] === 1;
          const same = labelOf[i] >= 0 && labelOf[i] === labelOf[j];
          if (ok) none = false;
          else all = false;
          if (ok !== same) sameOnly = false;
        }
      }
      if (to.length === 0) continue;
      relation[ci * C + cj] = none ? 0 : all ? 1 : sameOnly ? 2 : fail(`${classes[ci]} → ${classes[cj]} is neither all, none nor same-label`);
    }
  }
  const pairs: number[] = [];
  for (let k = 0; k < C * C; k++) if (relation[k]) pairs.push(k);
  const csr = (key: (k: number) => number) => {
    const offset = new Int32Array(C + 1);
    const list: number[] = [];
    for (let c0 = 0; c0 < C; c0++) {
      for (const k of pairs) if (key(k) === c0) list.push(k);
      offset[c0 + 1] = list.length;
    }
    return { offset, list: Int32Array.from(list) };
  };
  const into = csr((k) => k % C);
  const outOf = csr((k) => Math.floor(k / C));
  return {
    nTags: K,
    nClasses: C,
    nLabels: L,
    classOf,
    labelOf,
    tagOf,
    plainTag,
    relation,
    startOk,
    endOk,
    pairs: Int32Array.from(pairs),
    inOffset: into.offset,
    inPairs: into.list,
    inFrom: Int32Array.from(into.list, (k) => Math.floor(k / C)),
    outOffset: outOf.offset,
    outPairs: outOf.list,
    outTo: Int32Array.from(outOf.list, (k) => k % C),
    pairFrom: Int32Array.from({ length: pairs.length * L }, (_, x) => tagOf[Math.floor(pairs[Math.floor(x / L)] / C) * L + (x % L)]),
    pairTo: Int32Array.from({ length: pairs.length * L }, (_, x) => tagOf[(pairs[Math.floor(x / L)] % C) * L + (x % L)]),
  };
}

/** The full K×K transition matrix and per-tag start/end scores of factored params (for checks and general decoders). */
export function expandTransitions(p: FactoredCrfParams, s: CrfStructure): { trans: Float32Array; start: Float32Array; end: Float32Array } {
  const K = s.nTags;
  const C = s.nClasses;
  const trans = new Float32Array(K * K);
  const start = new Float32Array(K);
  const end = new Float32Array(K);
  for (let i = 0; i < K; i++) {
    start[i] = p.start[s.classOf[i]];
    end[i] = p.end[s.classOf[i]];
    for (let j = 0; j < K; j++) {
      const k = s.classOf[i] * C + s.classOf[j];
      const same = s.labelOf[i] >= 0 && s.labelOf[i] === s.labelOf[j];
      trans[i * K + j] = p.A[k] + (same ? p.S[k] : 0);
    }
  }
  return { trans, start, end };
}

/** Zeroed gradient accumulators. */
export function factoredCrfGrads(nValues: number, s: CrfStructure): FactoredCrfGrads {
  const C = s.nClasses;
  return {
    emissions: new Float32Array(nValues),
    A: new Float64Array(C * C),
    S: new Float64Array(C * C),
    start: new Float64Array(C),
    end: new Float64Array(C),
  };
}

/** exp of the params, computed once per batch. */
interface ExpParams {
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

/** log Σ over valid paths of exp(score). */
export function factoredLogPartition(emissions: ArrayLike<number>, offset: number, T: number, p: FactoredCrfParams, s: CrfStructure): number {
  return T === 0 ? 0 : lattice(emissions, offset, T, undefined, 0, s, expParams(p, s)).logZ;
}

/**
 * Reusable work arrays (one set per structure: decoding and training are single-threaded and never
 * nested), so long runs do not spend their time allocating and collecting T·K arrays per text.
 */
export class Scratch {
  private f64 = new Map<string, Float64Array>();
  private i32 = new Map<string, Int32Array>();
  /** A Float64Array of at least n entries, zero-filled when `clear`. */
  float(name: string, n: number, clear = true): Float64Array {
    let a = this.f64.get(name);
    if (!a || a.length < n) this.f64.set(name, (a = new Float64Array(Math.max(n, 2 * (a?.length ?? 0)))));
    if (clear) a.fill(0, 0, n);
    return a;
  }
  int(name: string, n: number): Int32Array {
    let a = this.i32.get(name);
    if (!a || a.length < n) this.i32.set(name, (a = new Int32Array(Math.max(n, 2 * (a?.length ?? 0)))));
    return a;
  }
  private ids: Int32Array | undefined;
  /** 0, 1, …, n − 1 (exactly n entries). */
  identity(n: number): Int32Array {
    if (!this.ids || this.ids.length !== n) this.ids = Int32Array.from({ length: n }, (_, i) => i);
    return this.ids;
  }
}
const scratches = new WeakMap<CrfStructure, Scratch>();
/** Grow-only scratch arrays of one structure, by name (decoding and losses are synchronous; callers use distinct names). */
export function scratchOf(s: CrfStructure): Scratch {
  let x = scratches.get(s);
  if (!x) scratches.set(s, (x = new Scratch()));
  return x;
}

/**
 * Σ_{i ∈ prev(j)} v(i) · exp(s(i, j)) for every tag j (into `out`), from the per-class totals of v:
 * "open" classes contribute exp(A)·total + (exp(A+S) − exp(A))·v(same-label tag), "same" classes
 * exp(A+S)·v(same-label tag).
 */
function propagate(v: Float64Array, vo: number, out: Float64Array, oo: number, s: CrfStructure, e: ExpParams, classSum: Float64Array): void {
  const K = s.nTags;
  const C = s.nClasses;
  const L = s.nLabels;
  const { classOf, labelOf, tagOf, relation, inOffset, inPairs, inFrom } = s;
  classSum.fill(0);
  for (let i = 0; i < K; i++) classSum[classOf[i]] += v[vo + i];
  for (let j = 0; j < K; j++) {
    const cj = classOf[j];
    const lj = labelOf[j];
    let sum = 0;
    for (let q = inOffset[cj], qe = inOffset[cj + 1]; q < qe; q++) {
      const k = inPairs[q];
      const ci = inFrom[q];
      const same = lj >= 0 ? tagOf[ci * L + lj] : -1;
      const vs = same >= 0 ? v[vo + same] : 0;
      if (relation[k] === 1) sum += e.eA[k] * classSum[ci] + (e.eAS[k] - e.eA[k]) * vs;
      else sum += e.eAS[k] * vs;
    }
    out[oo + j] = sum;
  }
}

/** The transpose of `propagate`: Σ_{j ∈ next(i)} exp(s(i, j)) · w(j) for every tag i. */
function propagateBack(w: Float64Array, wo: number, out: Float64Array, oo: number, s: CrfStructure, e: ExpParams, classSum: Float64Array): void {
  const K = s.nTags;
  const C = s.nClasses;
  const L = s.nLabels;
  const { classOf, labelOf, tagOf, relation, outOffset, outPairs, outTo } = s;
  classSum.fill(0);
  for (let j = 0; j < K; j++) classSum[classOf[j]] += w[wo + j];
  for (let i = 0; i < K; i++) {
    const ci = classOf[i];
    const li = labelOf[i];
    let sum = 0;
    for (let q = outOffset[ci], qe = outOffset[ci + 1]; q < qe; q++) {
      const k = outPairs[q];
      const cj = outTo[q];
      const same = li >= 0 ? tagOf[cj * L + li] : -1;
      const ws = same >= 0 ? w[wo + same] : 0;
      if (relation[k] === 1) sum += e.eA[k] * classSum[cj] + (e.eAS[k] - e.eA[k]) * ws;
      else sum += e.eAS[k] * ws;
    }
    out[oo + i] = sum;
  }
}

function lattice(
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
    propagate(alpha, (t - 1) * K, tmp, 0, s, e, classSum);
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
    propagateBack(w, 0, beta, t * K, s, e, classSum);
  }
  for (let t = 0; t < T; t++) logZ += Math.log(scale[t]);
  logZ += Math.log(zEnd);
  return { logZ, alpha, beta, psi, scale };
}

/** Adds scale × (node, class-pair, start and end marginals) to the grads. */
function accumulate(Lt: Lattice, offset: number, T: number, s: CrfStructure, e: ExpParams, grads: FactoredCrfGrads, scale: number): void {
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

/**
 * Fills `path` with the per-token argmax and says whether it is provably the Viterbi optimum: it
 * is valid, and at every token the emission gap to the runner-up is at least 2·R, R the spread
 * of the transition (and start/end) scores. Changing the tags at a set D of tokens then loses
 * ≥ 2R·|D| in emissions and gains < 2R·|D| in the ≤ 2|D| transition terms it touches, so no other
 * path scores higher. Exact; in a trained model most texts take this O(T·K) path.
 */
export function greedyIsOptimal(emissions: ArrayLike<number>, T: number, p: FactoredCrfParams, s: CrfStructure, offset: number, path: Int32Array): boolean {
  const K = s.nTags;
  const C = s.nClasses;
  let lo = Infinity;
  let hi = -Infinity;
  for (let q = 0; q < s.pairs.length; q++) {
    const k = s.pairs[q];
    const withSame = p.A[k] + p.S[k];
    if (withSame < lo) lo = withSame;
    if (withSame > hi) hi = withSame;
    if (s.relation[k] === 1) {
      if (p.A[k] < lo) lo = p.A[k];
      if (p.A[k] > hi) hi = p.A[k];
    }
  }
  let spread = hi - lo;
  const range = (v: ArrayLike<number>, ok: Uint8Array): number => {
    let a = Infinity;
    let b = -Infinity;
    for (let c = 0; c < C; c++) {
      if (!ok[c]) continue;
      a = Math.min(a, v[c]);
      b = Math.max(b, v[c]);
    }
    return b - a;
  };
  spread = Math.max(spread, range(p.start, s.startOk), range(p.end, s.endOk));
  if (!(spread >= 0) || !Number.isFinite(spread)) return false;
  const need = 2 * spread;
  for (let t = 0; t < T; t++) {
    const base = offset + t * K;
    let best = -Infinity;
    let second = -Infinity;
    let arg = -1;
    for (let j = 0; j < K; j++) {
      const v = emissions[base + j];
      if (v > best) {
        second = best;
        best = v;
        arg = j;
      } else if (v > second) second = v;
    }
    if (!(best - second >= need) || arg < 0) return false;
    path[t] = arg;
  }
  // Valid: allowed start and end classes, and every transition allowed.
  if (!s.startOk[s.classOf[path[0]]] || !s.endOk[s.classOf[path[T - 1]]]) return false;
  for (let t = 1; t < T; t++) {
    const i = path[t - 1];
    const j = path[t];
    const rel = s.relation[s.classOf[i] * C + s.classOf[j]];
    if (rel === 0 || (rel === 2 && (s.labelOf[i] < 0 || s.labelOf[i] !== s.labelOf[j]))) return false;
  }
  return true;
}

/**
 * The best valid tag sequence under emissions + factored CRF scores: for each (source class,
 * target class) pair, a target's best predecessor is the source class's top-scoring tag, or its
 * second best when the top one has the target's label (that pair takes the same-label score
 * instead, also tried). Loops run pair by pair over the labels: O(T · K · pairs per class).
 */
export function factoredViterbi(emissions: ArrayLike<number>, T: number, p: FactoredCrfParams, s: CrfStructure, offset = 0): Int32Array {
  const path = new Int32Array(T);
  if (T === 0) return path;
  if (greedyIsOptimal(emissions, T, p, s, offset, path)) return path;
  return factoredViterbiLattice(emissions, T, p, s, offset);
}

/**
 * factoredViterbi without the greedy shortcut: the dynamic programme over every token. With
 * `labels` (sorted label indices) only paths over 'O' and those labels are searched, at a cost
 * proportional to their tags (prunedFactoredViterbi's restricted passes).
 */
export function factoredViterbiLattice(emissions: ArrayLike<number>, T: number, p: FactoredCrfParams, s: CrfStructure, offset = 0, labels?: ArrayLike<number>): Int32Array {
  const K = s.nTags;
  const C = s.nClasses;
  const L = s.nLabels;
  const path = new Int32Array(T);
  if (T === 0) return path;
  const x = scratchOf(s);
  let delta = x.float('delta', K, false);
  let next = x.float('next', K, false);
  const back = x.int('back', T * K);
  const best1 = x.float('best1', C, false);
  const arg1 = x.int('arg1', C);
  const best2 = x.float('best2', C, false);
  const arg2 = x.int('arg2', C);
  const A = x.float('A', C * C, false);
  const AS = x.float('AS', C * C, false);
  for (let k = 0; k < C * C; k++) {
    A[k] = p.A[k];
    AS[k] = p.A[k] + p.S[k];
  }
  const { classOf, labelOf, tagOf, plainTag, relation, pairs } = s;
  // The labels searched (all by default) and their tags plus the unlabelled ones.
  const act = labels ?? x.identity(L);
  const nAct = act.length;
  const tags = x.int('tags', K);
  let nTags = 0;
  for (let c = 0; c < C; c++) if (plainTag[c] >= 0) tags[nTags++] = plainTag[c];
  for (let a = 0; a < nAct; a++) for (let c = 0; c < C; c++) if (tagOf[c * L + act[a]] >= 0) tags[nTags++] = tagOf[c * L + act[a]];
  delta.fill(-Infinity, 0, K);
  for (let n = 0; n < nTags; n++) {
    const j = tags[n];
    const cj = classOf[j];
    delta[j] = s.startOk[cj] ? emissions[offset + j] + p.start[cj] : -Infinity;
  }
  // Candidates are relaxed into next[j] / back[bt + j] when strictly better (ties keep the
  // earlier pair, a fixed order, so decoding is deterministic).
  const { pairFrom, pairTo } = s;
  for (let t = 1; t < T; t++) {
    for (let c = 0; c < C; c++) {
      best1[c] = -Infinity;
      best2[c] = -Infinity;
      arg1[c] = -1;
      arg2[c] = -1;
    }
    for (let n = 0; n < nTags; n++) {
      const i = tags[n];
      const c = classOf[i];
      const v = delta[i];
      if (v > best1[c]) {
        best2[c] = best1[c];
        arg2[c] = arg1[c];
        best1[c] = v;
        arg1[c] = i;
      } else if (v > best2[c]) {
        best2[c] = v;
        arg2[c] = i;
      }
    }
    next.fill(-Infinity, 0, K);
    const bt = t * K;
    for (let q = 0; q < pairs.length; q++) {
      const k = pairs[q];
      const ci = (k / C) | 0;
      const cj = k - ci * C;
      const a = A[k];
      const as = AS[k];
      const fromPlain = plainTag[ci];
      const toPlain = plainTag[cj];
      const base = q * L;
      if (fromPlain >= 0) {
        // Source 'O': one tag, never the same label as a target.
        const v = delta[fromPlain] + a;
        if (toPlain >= 0) {
          if (v > next[toPlain]) {
            next[toPlain] = v;
            back[bt + toPlain] = fromPlain;
          }
        } else {
          for (let a = 0; a < nAct; a++) {
            const l = act[a];
            const j = pairTo[base + l];
            if (v > next[j]) {
              next[j] = v;
              back[bt + j] = fromPlain;
            }
          }
        }
      } else if (toPlain >= 0) {
        // Labelled source into 'O': the source class's best tag.
        const v = best1[ci] + a;
        if (arg1[ci] >= 0 && v > next[toPlain]) {
          next[toPlain] = v;
          back[bt + toPlain] = arg1[ci];
        }
      } else if (relation[k] === 2) {
        for (let a = 0; a < nAct; a++) {
          const l = act[a];
          const i = pairFrom[base + l];
          const j = pairTo[base + l];
          if (i < 0 || j < 0) continue;
          const v = delta[i] + as;
          if (v > next[j]) {
            next[j] = v;
            back[bt + j] = i;
          }
        }
      } else {
        const top = arg1[ci];
        const topLabel = top >= 0 ? labelOf[top] : -1;
        const vTop = best1[ci] + a;
        const second = arg2[ci];
        const vSecond = best2[ci] + a;
        for (let a = 0; a < nAct; a++) {
          const l = act[a];
          const j = pairTo[base + l];
          if (j < 0) continue;
          const i = pairFrom[base + l];
          if (i >= 0) {
            const v = delta[i] + as;
            if (v > next[j]) {
              next[j] = v;
              back[bt + j] = i;
            }
          }
          // The best tag of the source class with another label, without the same-label score.
          if (topLabel !== l) {
            if (top >= 0 && vTop > next[j]) {
              next[j] = vTop;
              back[bt + j] = top;
            }
          } else if (second >= 0 && vSecond > next[j]) {
            next[j] = vSecond;
            back[bt + j] = second;
          }
        }
      }
    }
    for (let n = 0; n < nTags; n++) next[tags[n]] += emissions[offset + bt + tags[n]];
    const swap = delta;
    delta = next;
    next = swap;
  }
  let best = -Infinity;
  let arg = -1;
  for (let n = 0; n < nTags; n++) {
    const j = tags[n];
    const cj = classOf[j];
    if (!s.endOk[cj]) continue;
    const v = delta[j] + p.end[cj];
    if (v > best) {
      best = v;
      arg = j;
    }
  }
  if (arg < 0) return path.fill(plainTag[0] >= 0 ? plainTag[0] : 0); // no finite path: all 'O'
  path[T - 1] = arg;
  for (let t = T - 1; t > 0; t--) path[t - 1] = back[t * K + path[t]];
  return path;
}
