import type { Example, Token } from '../../data/types';
import { WorkbenchError } from '../../errors';
import { bestTagPath, pathEntities, type TagDecoder } from './decode';
import { factoredPathScore } from './prunedViterbi';
import type { LabelSet } from '../inputs/labels';
import type { PredictedEntity } from '../pipeline/pipeline';

// Joint decoding of an exclusive category and the entities, consistent with each other: the
// category c and tags y maximise log p(c | x) + s(y | x) − λ · n_c(y), where s is the tagger's
// path score (CRF potentials or summed log-probabilities) and n_c(y) counts the entities of y
// whose label was never seen with c in the training data. λ = HARD_PENALTY forbids such pairs;
// smaller λ lets strong evidence through (ATIS test has label/intent pairs training never had).
// Each entity has exactly one B (or U) tag, so the penalty is exact as a change of those tags'
// emissions. SNIPS slot types are intent-specific ("artist" only under PlayMusic/AddToPlaylist):
// a mismatched pair is a certain sentence error that this removes, in either direction.

/** The penalty that makes consistency a hard constraint: far below any real path, finite so sums stay ordered. */
export const HARD_PENALTY = 1e9;
/**
 * The penalties `catConsistent: 'auto'` tries on dev: independent decoding or the hard constraint.
 * A finer grid (0, 1, 2, 4, 8, ∞) was measured: on SNIPS and ATIS its dev choice scored lower on
 * test than this binary one (more options, small dev sets: docs/measurements/models.md).
 */
export const AUTO_PENALTIES: readonly number[] = [0, HARD_PENALTY];

/**
 * The entity labels seen with each category in the training examples (a text's positive
 * category, exclusive data): what `labels.catEnts` stores and joint decoding allows. Labels
 * sorted; every category of `labels.cats` present (an empty list allows no entity).
 */
export function catEntityLabels(train: readonly Example[], labels: LabelSet): Record<string, string[]> {
  const seen = new Map<string, Set<string>>(labels.cats.map((c) => [c, new Set<string>()]));
  for (const eg of train) {
    const cat = Object.entries(eg.cats).find(([, v]) => v >= 0.5)?.[0];
    if (cat === undefined) continue;
    for (const s of eg.spans) seen.get(cat)?.add(s.label);
  }
  return Object.fromEntries([...seen].map(([c, set]) => [c, [...set].sort()]));
}

/** Checks a loaded `catEnts` table and `catPenalty` against the label set (E405 names the file and field). */
export function checkCatEntityLabels(labels: LabelSet, file: string): void {
  const table = labels.catEnts;
  const ok =
    table === undefined ||
    (table !== null &&
    typeof table === 'object' &&
    Object.entries(table).every(([c, ents]) => labels.cats.includes(c) && Array.isArray(ents) && ents.every((l) => labels.ents.includes(l))));
  if (!ok) throw new WorkbenchError('E405', 'labels.catEnts must map known categories to lists of known entity labels', { file, field: 'catEnts' });
  const penalty = labels.catPenalty;
  if (penalty !== undefined && !(typeof penalty === 'number' && penalty >= 0 && penalty <= HARD_PENALTY)) {
    throw new WorkbenchError('E405', `labels.catPenalty must be a number in [0, ${HARD_PENALTY}], got ${JSON.stringify(penalty)}`, { file, field: 'catPenalty' });
  }
}

/**
 * Per category, the penalty of each tag of `tagLabels` (−λ on the B and U tags of labels never
 * seen with the category, else 0); undefined for a category without an entry (nothing penalised).
 */
export function catTagPenalties(labels: LabelSet, tagLabels: LabelSet, penalty: number): (Float32Array | undefined)[] {
  return labels.cats.map((c) => {
    const allowed = labels.catEnts?.[c];
    if (!allowed) return undefined;
    const set = new Set(allowed);
    return Float32Array.from(tagLabels.tags, (tag) => ((tag[0] === 'B' || tag[0] === 'U') && !set.has(tag.slice(2)) ? -penalty : 0));
  });
}

/** The score of a tag path over emission rows `offset`..: emissions plus, with a CRF, start, class transitions and end. */
export function pathScore(emissions: ArrayLike<number>, offset: number, path: Int32Array, decoder: TagDecoder): number {
  const K = decoder.constraints.nTags;
  if (decoder.crf) return factoredPathScore(emissions, offset * K, path, decoder.crf.params, decoder.crf.structure);
  let score = 0;
  for (let t = 0; t < path.length; t++) score += emissions[(offset + t) * K + path[t]];
  return score;
}

/** One text's category probabilities and entities, decoded jointly (see the file comment). */
export interface ConsistentDecoded {
  /** Category probabilities, reweighted when the decoded category is not the classifier's best. */
  probs: Float32Array;
  ents: PredictedEntity[];
}

/**
 * Decodes one text (tag scores rows `offset`.., category probabilities `probs`) jointly with its
 * category, `penalties` from catTagPenalties. When the free best path has no penalised entity
 * under the most probable category, that pair is optimal and is returned unchanged (the common
 * case: one Viterbi). Else the categories that can still win, most probable first, get their
 * penalised Viterbi paths, the pair with the best log p(c) + s_c(y_c) wins, and the probabilities
 * become p(c)·exp(s_c(y_c) − s(y_free)), renormalised (factor 1 for the categories not decoded,
 * an upper bound of theirs): a max-marginal reading whose argmax is the decoded category.
 */
export function decodeConsistent(
  scores: Float32Array,
  offset: number,
  tokens: Token[],
  text: string,
  tagLabels: LabelSet,
  decoder: TagDecoder,
  probs: Float32Array,
  penalties: readonly (Float32Array | undefined)[],
): ConsistentDecoded {
  const T = tokens.length;
  const K = decoder.constraints.nTags;
  let top = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[top]) top = c;
  if (T === 0 || tagLabels.ents.length === 0) return { probs, ents: [] };
  const free = bestTagPath(scores, offset, T, decoder);
  if (penaltyOf(free, penalties[top]) === 0) return { probs, ents: pathEntities(free, tokens, text, tagLabels) };
  const freeScore = pathScore(scores, offset, free, decoder);
  const local = new Float32Array(T * K);
  const factor = new Float64Array(probs.length).fill(1);
  let bestCat = -1;
  let bestScore = -Infinity;
  let bestPathOf: Int32Array = free;
  // Most probable first: since s_c(y_c) ≤ s(y_free), once log p(c) + s(y_free) falls below the
  // best joint score no later category can win.
  const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a] || a - b);
  for (const c of order) {
    if (probs[c] <= 0) break; // log 0: never chosen, and its probability stays 0
    if (Math.log(probs[c]) + freeScore < bestScore) break;
    const pen = penalties[c];
    let path = free;
    let s = freeScore + penaltyOf(free, pen);
    if (s < freeScore) {
      for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) local[t * K + k] = scores[(offset + t) * K + k] + pen![k];
      path = bestTagPath(local, 0, T, decoder);
      s = pathScore(local, 0, path, decoder);
    }
    factor[c] = Math.exp(s - freeScore);
    const joint = Math.log(probs[c]) + s;
    if (joint > bestScore) {
      bestScore = joint;
      bestCat = c;
      bestPathOf = path;
    }
  }
  const out = new Float32Array(probs.length);
  let sum = 0;
  for (let c = 0; c < probs.length; c++) sum += probs[c] * factor[c];
  for (let c = 0; c < probs.length; c++) out[c] = sum > 0 ? (probs[c] * factor[c]) / sum : probs[c];
  // Rounding could leave a near-tie to another category; the decoded one must read as the best.
  for (let c = 0; c < probs.length; c++) if (c !== bestCat && out[c] >= out[bestCat]) out[bestCat] = Math.fround(out[c] + 1e-7);
  return { probs: out, ents: pathEntities(bestPathOf, tokens, text, tagLabels) };
}

/** The summed penalty of a path's tags (0 without penalties). */
function penaltyOf(path: Int32Array, pen: Float32Array | undefined): number {
  if (!pen) return 0;
  let sum = 0;
  for (let t = 0; t < path.length; t++) sum += pen[path[t]];
  return sum;
}
