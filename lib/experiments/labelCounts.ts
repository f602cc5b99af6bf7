import type { DataFrame } from 'danfojs-node';
import type { Example } from '../data/types';

/** How often one entity label occurs: spans, texts with at least one, and rejected spans (negSpans). */
export interface EntityLabelCount {
  label: string;
  spans: number;
  texts: number;
  rejected: number;
}

/** How one category is annotated across texts: 1 (positive), 0 (negative) or absent (unknown). */
export interface CatLabelCount {
  label: string;
  positive: number;
  negative: number;
  unknown: number;
}

/** What `labelCounts` reads from an example: its spans, rejected spans and categories. */
export type LabelledText = Pick<Example, 'spans' | 'cats' | 'negSpans'>;

const byCountThenLabel = <T extends { label: string }>(count: (r: T) => number) => (a: T, b: T): number =>
  count(b) - count(a) || a.label.localeCompare(b.label);

/**
 * Label counts of a dataset (spaCy `debug data` style): per entity label, per category. Rows are
 * sorted by frequency (spans, positives), ties by label. A category is "unknown" for a text whose
 * `cats` lacks it: with merged Prodigy sets that is a text the textcat annotators never saw.
 */
export function labelCounts(examples: Iterable<LabelledText>): { entities: EntityLabelCount[]; cats: CatLabelCount[] } {
  const ents = new Map<string, EntityLabelCount>();
  const ent = (label: string): EntityLabelCount => {
    let row = ents.get(label);
    if (!row) ents.set(label, (row = { label, spans: 0, texts: 0, rejected: 0 }));
    return row;
  };
  const catRows = new Map<string, CatLabelCount>();
  let nTexts = 0;
  for (const e of examples) {
    nTexts++;
    for (const s of e.spans) ent(s.label).spans++;
    for (const label of new Set(e.spans.map((s) => s.label))) ent(label).texts++;
    for (const s of e.negSpans ?? []) ent(s.label).rejected++;
    for (const [label, v] of Object.entries(e.cats)) {
      let row = catRows.get(label);
      if (!row) catRows.set(label, (row = { label, positive: 0, negative: 0, unknown: 0 }));
      if (v === 1) row.positive++;
      else if (v === 0) row.negative++;
    }
  }
  // Unknown is what is left once positives and negatives are counted.
  for (const row of catRows.values()) row.unknown = nTexts - row.positive - row.negative;
  return {
    entities: [...ents.values()].sort(byCountThenLabel((r) => r.spans)),
    cats: [...catRows.values()].sort(byCountThenLabel((r) => r.positive)),
  };
}

/** A danfojs DataFrame from row objects (columns in the key order of the first row). */
export function dataFrame<T extends object>(rows: readonly T[]): DataFrame {
  // danfojs-node pulls in tfjs and takes ~1 s to load: only pay for it when a table is asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  return new dfd.DataFrame(rows as unknown as Record<string, unknown>[]);
}
