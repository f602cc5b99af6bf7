import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../errors';
import type { Example, Span, Token } from './types';

/** One corpus of Braun et al. (2017) split by its `training` flag, with what had to be repaired. */
export interface NluEvaluationCorpus {
  /** The corpus `name` field (e.g. 'ChatbotCorpus'), or the file name. */
  name: string;
  train: Example[];
  test: Example[];
  /** Entities whose token indexes did not cover their `text` and were re-located by that text. */
  repaired: { index: number; entity: string; text: string; from: [number, number]; to: [number, number] }[];
}

interface RawEntity {
  entity: string;
  start: number;
  stop: number;
  text: string;
}

interface RawSentence {
  text: string;
  intent: string;
  entities: RawEntity[];
  training: boolean;
}

// The corpora's "punctuation-splitting whitespace tokenization": runs of word characters, and every
// other non-space character alone ("9.10" → 9 . 10; "freiheit?" → freiheit ?).
const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+|[^\p{L}\p{M}\p{N}_\s]/gu;

/** Tokens of the NLU Evaluation Corpora tokenization (word-character runs and single punctuation marks). */
export function nluEvaluationTokens(text: string): Token[] {
  return [...text.matchAll(TOKEN_RE)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

/**
 * Reads one NLU Evaluation Corpora file (AskUbuntu, WebApplications or Chatbot; Braun et al.,
 * SIGDIAL 2017) into its official train/test split (`training` flag). Tokens follow the corpora's
 * token indexes; entity `start`/`stop` are inclusive token indexes, turned into character spans.
 * When the indexed tokens do not spell the entity's `text` (a few AskUbuntu entities are off by a
 * token), the text is found in the sentence (the occurrence nearest the indexes), the span widened
 * to token boundaries, and the repair listed in `repaired`; a text that cannot be found is an E106
 * error. Categories are exclusive over every intent of the file ('None' is an ordinary intent).
 * meta holds the sentence index in the file.
 */
export function loadNluEvaluation(file: string): NluEvaluationCorpus {
  if (!existsSync(file)) throw new WorkbenchError('E013', 'file not found', { file });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('E001', (err as Error).message, { file });
  }
  const sentences = (raw as { sentences?: unknown }).sentences;
  if (!Array.isArray(sentences)) throw new WorkbenchError('E002', 'expected {sentences: [...]}', { file, field: 'sentences' });
  sentences.forEach((s, index) => checkSentence(s, file, index));
  const rows = sentences as RawSentence[];
  const intents = [...new Set(rows.map((s) => s.intent))].sort();
  const repaired: NluEvaluationCorpus['repaired'] = [];
  const train: Example[] = [];
  const test: Example[] = [];
  rows.forEach((s, index) => {
    const tokens = nluEvaluationTokens(s.text);
    const spans = s.entities
      .map((e, k) => entitySpan(s.text, tokens, e, { file, index, field: `entities[${k}]` }, repaired))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    for (let k = 1; k < spans.length; k++) {
      if (spans[k].start < spans[k - 1].end) {
        throw new WorkbenchError('E006', `${JSON.stringify(spans[k - 1])} and ${JSON.stringify(spans[k])} overlap`, { file, index, field: 'entities' });
      }
    }
    const cats: Record<string, number> = {};
    for (const intent of intents) cats[intent] = 0;
    cats[s.intent] = 1;
    (s.training ? train : test).push({ text: s.text, tokens, spans, cats, meta: { index } });
  });
  const name = typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : basename(file, '.json');
  return { name, train, test, repaired };
}

function checkSentence(s: unknown, file: string, index: number): void {
  const rec = s as Record<string, unknown>;
  const fail = (field: string, expected: string): never => {
    throw new WorkbenchError('E002', `expected ${expected}, got ${JSON.stringify(rec?.[field])}`, { file, index, field });
  };
  if (rec === null || typeof rec !== 'object') throw new WorkbenchError('E002', 'sentence must be an object', { file, index });
  if (typeof rec.text !== 'string') fail('text', 'a string');
  if (typeof rec.intent !== 'string') fail('intent', 'a string');
  if (typeof rec.training !== 'boolean') fail('training', 'true or false');
  if (!Array.isArray(rec.entities)) fail('entities', 'an array');
  (rec.entities as unknown[]).forEach((e, k) => {
    const ent = e as Record<string, unknown>;
    const ok =
      ent !== null &&
      typeof ent === 'object' &&
      typeof ent.entity === 'string' &&
      typeof ent.text === 'string' &&
      Number.isInteger(ent.start) &&
      Number.isInteger(ent.stop);
    if (!ok) throw new WorkbenchError('E002', `expected {entity, start, stop, text}, got ${JSON.stringify(e)}`, { file, index, field: `entities[${k}]` });
  });
}

const squash = (s: string): string => s.replace(/\s+/g, '');

/** The character span of one entity: from its token indexes, or re-located by its text. */
function entitySpan(
  text: string,
  tokens: Token[],
  e: RawEntity,
  where: { file: string; index: number; field: string },
  repaired: NluEvaluationCorpus['repaired'],
): Span {
  const inRange = e.start >= 0 && e.stop >= e.start && e.stop < tokens.length;
  if (inRange) {
    const span = { start: tokens[e.start].start, end: tokens[e.stop].end, label: e.entity };
    if (squash(text.slice(span.start, span.end)) === squash(e.text)) return span;
  }
  // Re-locate: the occurrence of the entity text nearest the indexed position, snapped to tokens.
  const needle = e.text.trim();
  const near = inRange ? tokens[e.start].start : 0;
  let best = -1;
  for (let at = needle ? text.indexOf(needle) : -1; at >= 0; at = text.indexOf(needle, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  if (best < 0) {
    throw new WorkbenchError('E106', `tokens ${e.start}..${e.stop} do not spell ${JSON.stringify(e.text)}, and the text is not in ${JSON.stringify(text)}`, where);
  }
  const first = tokens.findIndex((t) => t.end > best);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < best + needle.length) last++;
  repaired.push({ index: where.index, entity: e.entity, text: e.text, from: [e.start, e.stop], to: [first, last] });
  return { start: tokens[first].start, end: tokens[last].end, label: e.entity };
}
