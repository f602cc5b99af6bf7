import type { Example, Token } from '../data/types';
import { WorkbenchError } from '../errors';
import { pathEntities, type TagDecoder } from './decode';
import { factoredPathScore, prunedFactoredViterbi } from './prunedViterbi';
import type { LabelSet } from './labels';
import type { PredictedEntity } from './pipeline';
import { viterbi } from './viterbi';

// Joint decoding of an exclusive category and the entities, consistent with each other: an
// entity label never seen with a category in the training data is not predicted with it. The
// category c and tags y maximise log p(c | x) + s(y | x) over the pairs where every label of y
// is allowed for c (s: the tagger's path score, CRF potentials or summed log-probabilities).
// SNIPS and ATIS slot types are intent-specific ("artist" only under PlayMusic/AddToPlaylist),
// so a mismatched pair is a certain sentence error that this removes, in either direction.

/** Score given to a masked tag: far below any real path, finite so sums stay ordered. */
const MASKED = -1e9;

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

/** Checks a loaded `catEnts` table against the label set (E405 names the file). */
export function checkCatEntityLabels(labels: LabelSet, file: string): void {
  const table = labels.catEnts;
  if (table === undefined) return;
  const ok =
    table !== null &&
    typeof table === 'object' &&
    Object.entries(table).every(([c, ents]) => labels.cats.includes(c) && Array.isArray(ents) && ents.every((l) => labels.ents.includes(l)));
  if (!ok) throw new WorkbenchError('E405', 'labels.catEnts must map known categories to lists of known entity labels', { file, field: 'catEnts' });
}

/** Per category, a 0/1 mask over the tags of `tagLabels` (O always allowed); categories without an entry allow every tag. */
export function catTagMasks(labels: LabelSet, tagLabels: LabelSet): (Uint8Array | undefined)[] {
  return labels.cats.map((c) => {
    const allowed = labels.catEnts?.[c];
    if (!allowed) return undefined;
    const set = new Set(allowed);
    return Uint8Array.from(tagLabels.tags, (tag) => (tag === 'O' || set.has(tag.slice(2)) ? 1 : 0));
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

function bestPath(emissions: ArrayLike<number>, offset: number, T: number, decoder: TagDecoder): Int32Array {
  const K = decoder.constraints.nTags;
  return decoder.crf
    ? prunedFactoredViterbi(emissions, T, decoder.crf.params, decoder.crf.structure, offset * K)
    : viterbi(emissions, T, decoder.constraints, undefined, offset * K);
}

/** One text's category probabilities and entities, decoded jointly (see the file comment). */
export interface ConsistentDecoded {
  /** Category probabilities, reweighted when the decoded category is not the classifier's best. */
  probs: Float32Array;
  ents: PredictedEntity[];
}

/**
 * Decodes one text (tag scores rows `offset`.., category probabilities `probs`) so that its
 * entities are allowed for its category. When the free best path already fits the most probable
 * category, that pair is optimal and is returned unchanged (the common case: one Viterbi). Else
 * every category gets its masked Viterbi path, the pair with the best log p(c) + s(y_c) wins,
 * and the probabilities become p(c)·exp(s(y_c) − s(y_free)), renormalised: a max-marginal
 * reading whose argmax is the decoded category.
 */
export function decodeConsistent(
  scores: Float32Array,
  offset: number,
  tokens: Token[],
  text: string,
  tagLabels: LabelSet,
  decoder: TagDecoder,
  probs: Float32Array,
  masks: readonly (Uint8Array | undefined)[],
): ConsistentDecoded {
  const T = tokens.length;
  const K = decoder.constraints.nTags;
  let top = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[top]) top = c;
  if (T === 0 || tagLabels.ents.length === 0) return { probs, ents: [] };
  const free = bestPath(scores, offset, T, decoder);
  if (fits(free, masks[top])) return { probs, ents: pathEntities(free, tokens, text, tagLabels) };
  const freeScore = pathScore(scores, offset, free, decoder);
  const local = new Float32Array(T * K);
  const factor = new Float64Array(probs.length).fill(1);
  let bestCat = -1;
  let bestScore = -Infinity;
  let bestPathOf: Int32Array = free;
  for (let c = 0; c < probs.length; c++) {
    if (probs[c] <= 0) continue; // log 0: never chosen, and its probability stays 0
    const mask = masks[c];
    let path = free;
    if (!fits(free, mask)) {
      for (let t = 0; t < T; t++) {
        for (let k = 0; k < K; k++) local[t * K + k] = mask![k] ? scores[(offset + t) * K + k] : MASKED;
      }
      path = bestPath(local, 0, T, decoder);
    }
    const s = pathScore(scores, offset, path, decoder);
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

/** Whether every tag of a path is allowed by the mask (no mask: all are). */
function fits(path: Int32Array, mask: Uint8Array | undefined): boolean {
  if (!mask) return true;
  for (let t = 0; t < path.length; t++) if (!mask[path[t]]) return false;
  return true;
}
