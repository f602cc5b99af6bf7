import { createHash } from 'node:crypto';
import { canonicalJson } from '../data/hashes';
import type { Example } from '../data/types';

/**
 * A stable 16-hex fingerprint of examples: sha256 over each example's text, token offsets, spans and
 * known categories, in order. Changing any annotation, token or the order changes it; meta does not.
 */
export function dataFingerprint(examples: readonly Example[]): string {
  const hash = createHash('sha256');
  for (const e of examples) {
    hash.update(
      canonicalJson({
        text: e.text,
        tokens: e.tokens.map((t) => [t.start, t.end]),
        spans: e.spans.map((s) => [s.start, s.end, s.label]),
        cats: e.cats,
        negSpans: e.negSpans?.map((s) => [s.start, s.end, s.label]),
        hasNer: e.meta?.hasNer,
      }),
    );
    hash.update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

/** sha256 of the canonical JSON of `value`, 16 hex characters (the run-key hash). */
export function shortHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}
