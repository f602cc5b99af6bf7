import type { Token } from '../../data/types';
import type { LabelSet } from '../inputs/labels';
import type { PredictedEntity } from '../pipeline/pipeline';
import { splitTag, type TagConstraints } from './tagConstraints';
import type { CrfStructure, FactoredCrfParams } from './factoredCrf';
import { prunedFactoredViterbi } from './prunedViterbi';
import { viterbi } from './viterbi';

/** How tag scores are decoded: the constraints, and the CRF (structure and scores) when the tagger has one. */
export interface TagDecoder {
  constraints: TagConstraints;
  crf?: { structure: CrfStructure; params: FactoredCrfParams };
}

/**
 * Entities of one text from its tag scores (rows `offset`.. of a [nTokens, K] array): the best
 * valid tag sequence (constrained Viterbi, with the CRF scores when there are), converted to
 * character spans.
 */
export function decodeEntities(scores: Float32Array, offset: number, tokens: Token[], text: string, labels: LabelSet, decoder: TagDecoder): PredictedEntity[] {
  if (tokens.length === 0 || labels.ents.length === 0) return [];
  return pathEntities(bestTagPath(scores, offset, tokens.length, decoder), tokens, text, labels);
}

/** The best valid tag path of T tokens from score rows `offset`..: constrained Viterbi, with the CRF scores when there are. */
export function bestTagPath(scores: ArrayLike<number>, offset: number, T: number, decoder: TagDecoder): Int32Array {
  const K = decoder.constraints.nTags;
  return decoder.crf
    ? prunedFactoredViterbi(scores, T, decoder.crf.params, decoder.crf.structure, offset * K)
    : viterbi(scores, T, decoder.constraints, undefined, offset * K);
}

/** Per tag: its prefix (O, B, I, L, U as 0..4) and entity label; cached per label set. */
const tagInfos = new WeakMap<LabelSet, { prefix: Uint8Array; label: string[] }>();
function tagInfo(labels: LabelSet): { prefix: Uint8Array; label: string[] } {
  let info = tagInfos.get(labels);
  if (!info) {
    const parts = labels.tags.map(splitTag);
    info = { prefix: Uint8Array.from(parts, ([p]) => 'OBILU'.indexOf(p)), label: parts.map(([, l]) => l) };
    tagInfos.set(labels, info);
  }
  return info;
}

/**
 * Entities of a valid tag-id path (as constrained decoding returns), straight from the ids: a
 * B opens an entity, U is a one-token entity, L (BILUO) or the next non-I tag (BIO) closes it.
 * Same spans as lib/data's fromBiluo / fromBio on the tag names, without building them.
 */
export function pathEntities(path: Int32Array, tokens: Token[], text: string, labels: LabelSet): PredictedEntity[] {
  const { prefix, label } = tagInfo(labels);
  const out: PredictedEntity[] = [];
  let open = -1;
  const close = (last: number) => {
    if (open < 0) return;
    const start = tokens[open].start;
    const end = tokens[last].end;
    out.push({ start, end, label: label[path[open]], text: text.slice(start, end) });
    open = -1;
  };
  for (let t = 0; t < path.length; t++) {
    const p = prefix[path[t]];
    if (p === 0) close(t - 1);
    else if (p === 1) {
      close(t - 1);
      open = t;
    } else if (p === 4) {
      close(t - 1);
      open = t;
      close(t);
    } else if (p === 3) {
      if (open < 0) open = t;
      close(t);
    } else if (open < 0) open = t; // I without B (never from constrained decoding): start one, as seqeval
  }
  close(path.length - 1);
  return out;
}

/** Category scores of one text as a record (label → probability). */
export function catRecord(probs: Float32Array, row: number, labels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let j = 0; j < labels.length; j++) out[labels[j]] = probs[row * labels.length + j];
  return out;
}
