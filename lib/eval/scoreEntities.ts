import type { Example, Span } from '../data/types';
import { checkAligned } from './align';
import { PRFScore } from './prf';
import type { EntityScores, PRF } from './scores';

const spanKey = (s: Span): string => `${s.start}:${s.end}:${s.label}`;

/** tp/fp/fn of one example's predicted spans against its gold spans (exact start, end and label). */
export function entityCounts(gold: Example, pred: Example): PRFScore {
  return new PRFScore().scoreSet(pred.spans.map(spanKey), gold.spans.map(spanKey));
}

/**
 * Exact-span micro P/R/F and per-type scores over aligned gold/pred arrays (seqeval/spaCy semantics:
 * a span counts only with the same start, end and label, so a partial overlap is one fp and one fn).
 */
export function scoreEntities(gold: readonly Example[], pred: readonly Example[]): EntityScores {
  checkAligned(gold, pred, 'scoreEntities');
  const total = new PRFScore();
  const perType = new Map<string, PRFScore>();
  const counter = (label: string): PRFScore => {
    let c = perType.get(label);
    if (!c) perType.set(label, (c = new PRFScore()));
    return c;
  };
  for (let i = 0; i < gold.length; i++) {
    total.add(entityCounts(gold[i], pred[i]));
    const labels = new Set([...gold[i].spans, ...pred[i].spans].map((s) => s.label));
    for (const label of labels) {
      counter(label).scoreSet(
        pred[i].spans.filter((s) => s.label === label).map(spanKey),
        gold[i].spans.filter((s) => s.label === label).map(spanKey),
      );
    }
  }
  const ents_per_type: Record<string, PRF> = {};
  for (const label of [...perType.keys()].sort()) ents_per_type[label] = perType.get(label)!.toJSON();
  const t = total.toJSON();
  return { ents_p: t.p, ents_r: t.r, ents_f: t.f, ents_per_type };
}
