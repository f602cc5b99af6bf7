import type { Token } from './types';

/** The tokens a character range touches, and whether its edges are token edges. */
export interface TokenRange {
  /** First token ending after the range's start (tokens.length when none). */
  first: number;
  /** Last token starting before the range's end (-1 when none); first > last when no token is touched. */
  last: number;
  /** Whether a token starts at the range's start and a token ends at its end (and first ≤ last). */
  aligned: boolean;
}

/**
 * The token range under the character range [start, end) of a text, by binary search over tokens
 * in text order: the one place span offsets meet token offsets (BILUO tags, re-tokenizing a corpus).
 */
export function tokenRange(tokens: readonly Token[], start: number, end: number): TokenRange {
  const first = lowerBound(tokens, (t) => t.end > start);
  const last = lowerBound(tokens, (t) => t.start >= end) - 1;
  const aligned = first <= last && tokens[first].start === start && tokens[last].end === end;
  return { first, last, aligned };
}

/** First index whose token satisfies `pred` (monotone: false then true), tokens.length when none does. */
function lowerBound(tokens: readonly Token[], pred: (t: Token) => boolean): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(tokens[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
