import type { Example, Span, Token } from '../data/types';
import { checkAligned } from './align';

/** Rasa's entity scores (`rasa test nlu`): one label per token, averaged over the gold labels weighted by their token counts. */
export interface TokenEntityScores {
  /** Support-weighted mean over gold entity labels of the per-label token precision; null without gold entity tokens. */
  ents_token_p: number | null;
  ents_token_r: number | null;
  ents_token_f: number | null;
}

/** The token's label: that of the span overlapping it by the most characters (the first on a tie), or null. */
function tokenLabel(token: Token, spans: readonly Span[]): string | null {
  let best: Span | undefined;
  let most = 0;
  for (const s of spans) {
    const overlap = Math.min(token.end, s.end) - Math.max(token.start, s.start);
    if (overlap > most) [best, most] = [s, overlap];
  }
  return best ? best.label : null;
}

/**
 * Token-level entity scores as Rasa computes them (rasa/nlu/test.py: entities aligned to tokens, then
 * sklearn's precision/recall/F1 with average="weighted" over the gold labels, "no_entity" excluded), so
 * a figure here compares with a published Rasa/DIET entity F1. Lenient where exact-span scores are not:
 * a span with one token of three wrong still earns two correct tokens.
 */
export function scoreEntityTokens(gold: readonly Example[], pred: readonly Example[]): TokenEntityScores {
  checkAligned(gold, pred, 'scoreEntityTokens');
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (let i = 0; i < gold.length; i++) {
    for (const token of gold[i].tokens) {
      const g = tokenLabel(token, gold[i].spans);
      const p = tokenLabel(token, pred[i].spans);
      if (g !== null && g === p) count(g).tp++;
      else {
        if (p !== null) count(p).fp++;
        if (g !== null) count(g).fn++;
      }
    }
  }
  // sklearn averages over the labels present in gold; a label only ever predicted costs recall elsewhere, not a term.
  const golden = [...counts.entries()].filter(([, c]) => c.tp + c.fn > 0);
  const support = golden.reduce((s, [, c]) => s + c.tp + c.fn, 0);
  if (support === 0) return { ents_token_p: null, ents_token_r: null, ents_token_f: null };
  // sklearn's zero_division: a label never predicted has precision 0 (and F1 0).
  const weighted = (f: (c: { tp: number; fp: number; fn: number }) => number) => golden.reduce((s, [, c]) => s + (c.tp + c.fn) * f(c), 0) / support;
  return {
    ents_token_p: weighted((c) => (c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0)),
    ents_token_r: weighted((c) => c.tp / (c.tp + c.fn)),
    ents_token_f: weighted((c) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn)),
  };
}
