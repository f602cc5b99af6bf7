import type { Scores } from '../eval';
import { formatTable } from './table';

/** The headline scores (spaCy's keys, ents_token_f as Rasa scores entities; doc_ents_* for paragraphs with meta.doc) as rows of a two-column table; nulls (nothing to score) are left out. */
export function headlineRows(scores: Partial<Scores> | Record<string, number>): { metric: string; value: number }[] {
  const keys = ['ents_p', 'ents_r', 'ents_f', 'ents_token_f', 'cats_score', 'cats_acc', 'cats_micro_p', 'cats_micro_r', 'cats_micro_f', 'cats_macro_f', 'cats_macro_auc', 'sentence_acc', 'doc_ents_p', 'doc_ents_r', 'doc_ents_f'];
  return keys.filter((k) => typeof (scores as Record<string, unknown>)[k] === 'number').map((k) => ({ metric: k, value: (scores as Record<string, number>)[k] }));
}

/** Scores as text: the headline table, then P/R/F per entity type and per category. */
export function formatScores(scores: Scores): string {
  const parts = [formatTable(headlineRows(scores))];
  const perType = Object.entries(scores.ents_per_type ?? {});
  if (perType.length) {
    parts.push('\nEntities per type\n' + formatTable(perType.map(([label, s]) => ({ type: label, p: s.p, r: s.r, f: s.f, support: s.support }))));
  }
  const perCat = Object.entries(scores.cats_f_per_type ?? {});
  if (perCat.length) {
    parts.push('\nCategories\n' + formatTable(perCat.map(([label, s]) => ({ category: label, p: s.p, r: s.r, f: s.f, support: s.support, auc: scores.cats_auc_per_type?.[label] ?? null }))));
  }
  return parts.join('');
}
