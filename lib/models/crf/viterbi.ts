import type { TagConstraints } from './tagConstraints';

/** Optional learned CRF scores added to the emissions during decoding. */
export interface TransitionScores {
  /** trans[from * nTags + to]. */
  trans: ArrayLike<number>;
  /** Score of starting with each tag. */
  start: ArrayLike<number>;
  /** Score of ending with each tag. */
  end: ArrayLike<number>;
}

/**
 * The best valid tag sequence for one text: maximises Σ emissions[t·K + y_t] (+ CRF transition,
 * start and end scores when given) over sequences allowed by the constraints. `emissions` holds
 * T·K scores (log-probabilities or CRF potentials) starting at `offset`. Ties go to the lower tag id.
 */
export function viterbi(
  emissions: ArrayLike<number>,
  T: number,
  c: TagConstraints,
  scores?: TransitionScores,
  offset = 0,
): Int32Array {
  const K = c.nTags;
  const path = new Int32Array(T);
  if (T === 0) return path;
  if (!scores && greedyIsValid(emissions, T, c, offset, path)) return path;
  let delta = new Float64Array(K);
  let next = new Float64Array(K);
  const back = new Int32Array(T * K);
  for (let j = 0; j < K; j++) {
    delta[j] = c.start[j] ? emissions[offset + j] + (scores ? scores.start[j] : 0) : -Infinity;
  }
  const { prevOffset, prevIndex, groupOf, groupHead } = c;
  const nGroups = groupHead.length;
  const groupBest = new Float64Array(nGroups);
  const groupArg = new Int32Array(nGroups);
  for (let t = 1; t < T; t++) {
    const base = offset + t * K;
    if (!scores) {
      // No transition scores: tags with the same predecessors share one max (O(K) per token).
      for (let g = 0; g < nGroups; g++) {
        const j = groupHead[g];
        let best = -Infinity;
        let arg = -1;
        for (let p = prevOffset[j]; p < prevOffset[j + 1]; p++) {
          const i = prevIndex[p];
          if (delta[i] > best) {
            best = delta[i];
            arg = i;
          }
        }
        groupBest[g] = best;
        groupArg[g] = arg;
      }
      for (let j = 0; j < K; j++) {
        const g = groupOf[j];
        next[j] = groupBest[g] + emissions[base + j];
        back[t * K + j] = groupArg[g];
      }
    } else {
      for (let j = 0; j < K; j++) {
        let best = -Infinity;
        let arg = -1;
        for (let p = prevOffset[j]; p < prevOffset[j + 1]; p++) {
          const i = prevIndex[p];
          const s = delta[i] + scores.trans[i * K + j];
          if (s > best) {
            best = s;
            arg = i;
          }
        }
        next[j] = best + emissions[base + j];
        back[t * K + j] = arg;
      }
    }
    [delta, next] = [next, delta];
  }
  let best = -Infinity;
  let arg = -1;
  for (let j = 0; j < K; j++) {
    if (!c.end[j]) continue;
    const s = delta[j] + (scores ? scores.end[j] : 0);
    if (s > best) {
      best = s;
      arg = j;
    }
  }
  if (arg < 0) return path.fill(outsideTag(c)); // no finite path (NaN or -Infinity scores): all outside
  path[T - 1] = arg;
  for (let t = T - 1; t > 0; t--) {
    const prev = back[t * K + path[t]];
    path[t - 1] = prev >= 0 ? prev : c.prevIndex[c.prevOffset[path[t]]];
  }
  return path;
}

/**
 * Fills `path` with the per-token argmax and says whether it is a valid sequence. Without
 * transition scores a valid argmax path is the Viterbi optimum (it maximises over all paths), so
 * decoding is O(T·K) for the common case and the lattice is only built when a constraint bites.
 */
function greedyIsValid(emissions: ArrayLike<number>, T: number, c: TagConstraints, offset: number, path: Int32Array): boolean {
  const K = c.nTags;
  for (let t = 0; t < T; t++) {
    const base = offset + t * K;
    let best = emissions[base];
    let arg = 0;
    for (let j = 1; j < K; j++) {
      if (emissions[base + j] > best) {
        best = emissions[base + j];
        arg = j;
      }
    }
    if (!(best > -Infinity)) return false; // NaN or all -Infinity: let the full pass decide
    path[t] = arg;
  }
  if (!c.start[path[0]] || !c.end[path[T - 1]]) return false;
  for (let t = 1; t < T; t++) if (!c.allowed[path[t - 1] * K + path[t]]) return false;
  return true;
}

/** A tag that may start, end and follow itself ('O'), for degenerate inputs. */
function outsideTag(c: TagConstraints): number {
  for (let j = 0; j < c.nTags; j++) if (c.start[j] && c.end[j] && c.allowed[j * c.nTags + j]) return j;
  return 0;
}
