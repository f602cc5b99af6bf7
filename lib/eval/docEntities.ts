import type { Example } from '../data/types';
import { checkAligned } from './align';
import { PRFScore } from './prf';

/** Document-level entity scores and how many documents and paragraphs they pooled. */
export interface DocEntityScores {
  doc_ents_p: number | null;
  doc_ents_r: number | null;
  doc_ents_f: number | null;
  n_docs: number;
  n_paragraphs: number;
}

const mentionKey = (e: Example, s: { start: number; end: number; label: string }): string =>
  `${s.label}\u0000${e.text.slice(s.start, s.end).trim().toLowerCase()}`;

/**
 * Entity scores per document: each `meta.doc` pools its paragraphs' entities into a set of
 * (label, lower-cased text), so a name found in any paragraph counts once. A paragraph the
 * pipeline skipped (empty prediction) makes its entities misses. Undefined (null) without `meta.doc`.
 */
export function scoreDocEntities(gold: readonly Example[], pred: readonly Example[]): DocEntityScores {
  checkAligned(gold, pred, 'scoreDocEntities');
  const docs = new Map<string, { gold: Set<string>; pred: Set<string> }>();
  let n_paragraphs = 0;
  for (let i = 0; i < gold.length; i++) {
    const doc = gold[i].meta?.doc;
    if (doc === undefined) continue;
    n_paragraphs++;
    let d = docs.get(doc);
    if (!d) docs.set(doc, (d = { gold: new Set(), pred: new Set() }));
    for (const s of gold[i].spans) d.gold.add(mentionKey(gold[i], s));
    for (const s of pred[i].spans) d.pred.add(mentionKey(pred[i], s));
  }
  const total = new PRFScore();
  for (const d of docs.values()) total.add(new PRFScore().scoreSet(d.pred, d.gold));
  const t = total.toJSON();
  return { doc_ents_p: t.p, doc_ents_r: t.r, doc_ents_f: t.f, n_docs: docs.size, n_paragraphs };
}
