import { fromBio, fromBiluo } from '../data/biluo';
import type { Token } from '../data/types';
import type { LabelSet } from './labels';
import type { PredictedEntity } from './pipeline';
import type { TagConstraints } from './tagConstraints';
import { factoredViterbi, type CrfStructure, type FactoredCrfParams } from './factoredCrf';
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
  const K = decoder.constraints.nTags;
  const path = decoder.crf
    ? factoredViterbi(scores, tokens.length, decoder.crf.params, decoder.crf.structure, offset * K)
    : viterbi(scores, tokens.length, decoder.constraints, undefined, offset * K);
  let any = false;
  for (let t = 0; t < path.length; t++) if (path[t] !== 0) any = true;
  if (!any) return []; // all 'O': the common case, no string work
  const tags = Array.from(path, (j) => labels.tags[j]);
  const spans = labels.tagScheme === 'biluo' ? fromBiluo(tokens, tags) : fromBio(tokens, tags);
  return spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: text.slice(s.start, s.end) }));
}

/** Category scores of one text as a record (label → probability). */
export function catRecord(probs: Float32Array, row: number, labels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let j = 0; j < labels.length; j++) out[labels[j]] = probs[row * labels.length + j];
  return out;
}
