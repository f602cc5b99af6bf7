import { WorkbenchError, check } from '../errors';
import type { Token } from '../data/types';
import { PhraseMatcher, type PhraseMatch } from './phraseMatcher';
import { toAsyncIterator, type StreamSource } from './iter';

/** Options of `findWithPhrases` and `findWithTerms`. */
export interface FindOptions {
  /** Fewer matches than this when the search ends is an E008 error (default 0). */
  atLeast?: number;
  /** Stop searching after this many matches (default Infinity). */
  atMost?: number;
  /** Most non-matching items held back while searching (default 1000). */
  giveUpAfter?: number;
  /** Token attribute for phrases given as strings (default 'LOWER': case-insensitive). */
  attr?: 'ORTH' | 'LOWER';
  /** Field holding the text (default 'text'). */
  key?: string;
}

/** What a matched example carries in `meta`. */
export interface MatchMeta {
  matched: true;
  matches: { start: number; end: number; text: string; label: string }[];
}

/** A stream item after the search: the item itself, or a copy whose `meta` says it matched. */
export type MaybeMatched<T> = T & { meta?: Partial<MatchMeta> };

/**
 * Moves examples matching phrases to the front of a stream (Prodigy's `find_with_terms`), without dropping any.
 *
 * Search phase: items are read in order; a match is yielded at once as a shallow copy with
 * `meta.matched = true` and `meta.matches = [{start, end, text, label}]` (the input object is not mutated);
 * a non-match is held in a buffer. The search ends when `atMost` matches were yielded, when the buffer holds
 * `giveUpAfter` items and another would have to be read, or when the source ends. Then, if fewer than
 * `atLeast` matches were found, it throws E008 saying how many were found in how many items read. Otherwise
 * the rest follows in source order, unchanged: the buffered non-matches, then the remainder straight from the
 * source (later matches included, not marked). So every source item is yielded exactly once, and the number
 * of items read never exceeds the number yielded plus `giveUpAfter`.
 *
 * Items with a `tokens` array (and `key` = 'text') are matched on those tokens instead of re-tokenizing.
 */
export async function* findWithPhrases<T extends object>(
  stream: StreamSource<T>,
  phrasesOrMatcher: PhraseMatcher | Iterable<string>,
  opts: FindOptions = {},
): AsyncIterableIterator<MaybeMatched<T>> {
  const matcher = phrasesOrMatcher instanceof PhraseMatcher ? phrasesOrMatcher : new PhraseMatcher(phrasesOrMatcher, { attr: opts.attr ?? 'LOWER' });
  yield* searchThenRest(stream, matcher, opts, 'findWithPhrases');
}

/**
 * `findWithPhrases` with single-token terms matched case-insensitively: a term matches a token whose
 * lower-cased text equals the lower-cased term (a term with spaces never matches). Same options and semantics.
 */
export async function* findWithTerms<T extends object>(stream: StreamSource<T>, terms: Iterable<string>, opts: FindOptions = {}): AsyncIterableIterator<MaybeMatched<T>> {
  const matcher = new PhraseMatcher([], { attr: 'LOWER', defaultLabel: 'TERM' });
  let index = 0;
  for (const term of terms) {
    check(typeof term === 'string' && term.length > 0, 'E007', () => `findWithTerms: terms must be non-empty strings, got ${JSON.stringify(term)}`, { index });
    matcher.addKeys([term.toLowerCase()], { label: 'TERM' });
    index++;
  }
  yield* searchThenRest(stream, matcher, opts, 'findWithTerms');
}

async function* searchThenRest<T extends object>(stream: StreamSource<T>, matcher: PhraseMatcher, opts: FindOptions, fn: string): AsyncIterableIterator<MaybeMatched<T>> {
  const atLeast = opts.atLeast ?? 0;
  const atMost = opts.atMost ?? Infinity;
  const giveUpAfter = opts.giveUpAfter ?? 1000;
  const key = opts.key ?? 'text';
  check(atLeast >= 0 && (Number.isInteger(atLeast) || atLeast === Infinity), 'E007', () => `${fn}: atLeast must be an integer >= 0, got ${atLeast}`);
  check(atMost >= 0 && (Number.isInteger(atMost) || atMost === Infinity), 'E007', () => `${fn}: atMost must be an integer >= 0 or Infinity, got ${atMost}`);
  check(atLeast <= atMost, 'E007', () => `${fn}: atLeast (${atLeast}) must not exceed atMost (${atMost})`);
  check(giveUpAfter >= 0 && (Number.isInteger(giveUpAfter) || giveUpAfter === Infinity), 'E007', () => `${fn}: giveUpAfter must be an integer >= 0 or Infinity, got ${giveUpAfter}`);

  const it = toAsyncIterator(stream);
  const held: T[] = [];
  let found = 0;
  let read = 0;
  let sourceDone = false;
  try {
    while (found < atMost && held.length < giveUpAfter) {
      const r = await it.next();
      if (r.done) {
        sourceDone = true;
        break;
      }
      const item = r.value;
      const matches = matchItem(item, matcher, key, read, fn);
      read++;
      if (matches.length > 0) {
        found++;
        yield marked(item, matches);
      } else {
        held.push(item);
      }
    }
    if (found < atLeast) {
      const why = sourceDone ? 'the stream ended' : `${held.length} non-matching examples were held (giveUpAfter)`;
      throw new WorkbenchError(
        'E008',
        `${fn} found ${found} matching example${found === 1 ? '' : 's'} in ${read} read, fewer than atLeast = ${atLeast} (${why}). ` +
          `Raise giveUpAfter, lower atLeast, or add ${fn === 'findWithTerms' ? 'terms' : 'phrases'} (matcher size ${matcher.size}).`,
      );
    }
    // Hand the buffer over item by item so yielded items are released as we go.
    for (let i = 0; i < held.length; i++) {
      const item = held[i];
      (held as (T | undefined)[])[i] = undefined;
      yield item;
    }
    held.length = 0;
    if (!sourceDone) {
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      sourceDone = true;
    }
  } finally {
    if (!sourceDone) await it.return?.();
  }
}

function matchItem(item: object, matcher: PhraseMatcher, key: string, index: number, fn: string): PhraseMatch[] {
  check(item !== null && typeof item === 'object', 'E002', () => `${fn}: expected an object, got ${item === null ? 'null' : typeof item}`, { index });
  const rec = item as Record<string, unknown>;
  const text = rec[key];
  check(typeof text === 'string', 'E002', () => `${fn}: example has no string field "${key}" (got ${typeof text})`, { index, field: key });
  const tokens = rec.tokens;
  if (key === 'text' && Array.isArray(tokens) && tokens.length > 0 && isToken(tokens[0])) return matcher.match(tokens as Token[], text);
  return matcher.match(text);
}

function isToken(t: unknown): t is Token {
  return t !== null && typeof t === 'object' && typeof (t as Token).text === 'string' && typeof (t as Token).start === 'number';
}

function marked<T extends object>(item: T, matches: PhraseMatch[]): MaybeMatched<T> {
  const meta = (item as { meta?: unknown }).meta;
  const base = meta !== null && typeof meta === 'object' ? meta : {};
  const m: MatchMeta = { matched: true, matches: matches.map((x) => ({ start: x.start, end: x.end, text: x.text, label: x.label })) };
  return { ...item, meta: { ...base, ...m } };
}
