import { WorkbenchError } from '../../errors';
import { splitTag, type TagConstraints } from './tagConstraints';

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
