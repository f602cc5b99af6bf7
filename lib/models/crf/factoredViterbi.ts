// Viterbi decoding of the factored CRF: the greedy-optimality shortcut, and the exact max-product pass.
import { WorkbenchError } from '../../errors';
import type { CrfStructure, FactoredCrfParams } from './factoredCrf';
import { scratchOf } from './scratch';

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

