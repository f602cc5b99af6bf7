// Small builders for hand-computed eval test cases (not a test file itself).
import type { Example, Span } from '../../lib/data/types';

/** An example with whitespace tokens; spans given as [start, end, label]. */
export function ex(text: string, spans: [number, number, string][] = [], cats: Record<string, number> = {}, meta?: Example['meta']): Example {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  const s: Span[] = spans.map(([start, end, label]) => ({ start, end, label }));
  return meta ? { text, tokens, spans: s, cats, meta } : { text, tokens, spans: s, cats };
}

/** A copy of an example with other spans and category scores (a prediction). */
export function predOf(e: Example, spans: [number, number, string][] = [], cats: Record<string, number> = {}): Example {
  return { ...e, spans: spans.map(([start, end, label]) => ({ start, end, label })), cats };
}

/** assert-style closeness check for floats. */
export function close(actual: number | null | undefined, expected: number, tol = 1e-9): void {
  if (typeof actual !== 'number' || Math.abs(actual - expected) > tol) throw new Error(`expected ${expected} ± ${tol}, got ${actual}`);
}
