import { check } from '../errors';
import type { Example } from '../data/types';
import type { Figure } from './figure';
import { annotatedHeatmap, YLGNBU } from './heatmap';

/** Options of `cooccurrenceHeatmap`. */
export interface CooccurrenceOptions {
  /** Count examples containing the type (default) or every span. */
  count?: 'examples' | 'spans';
  /** Colour by share of each category column (default false: raw counts). */
  normalize?: 'category' | false;
  title?: string;
  height?: number;
}

const NO_ENTS = '(no entities)';
const NO_CAT = '(no category)';

/**
 * Entity type × gold category counts: how often each type occurs in texts of each category — the
 * first look at whether the two tasks share signal. Rows/columns for texts without entities/categories.
 */
export function cooccurrenceHeatmap(examples: readonly Example[], opts: CooccurrenceOptions = {}): Figure {
  check(examples.length > 0, 'E506', () => 'cooccurrenceHeatmap: no examples');
  const count = opts.count ?? 'examples';
  const cells = new Map<string, number>();
  const key = (t: string, c: string): string => JSON.stringify([t, c]);
  const types = new Set<string>();
  const cats = new Set<string>();
  for (const e of examples) {
    const pos = Object.keys(e.cats).filter((c) => e.cats[c] === 1).sort();
    const catCols = pos.length ? pos : [NO_CAT];
    const rows: string[] = e.spans.length === 0 ? [NO_ENTS] : count === 'spans' ? e.spans.map((s) => s.label) : [...new Set(e.spans.map((s) => s.label))];
    for (const t of rows) {
      types.add(t);
      for (const c of catCols) {
        cats.add(c);
        cells.set(key(t, c), (cells.get(key(t, c)) ?? 0) + 1);
      }
    }
  }
  const last = (special: string) => (a: string, b: string): number => (a === special ? 1 : 0) - (b === special ? 1 : 0) || a.localeCompare(b);
  const yLabels = [...types].sort(last(NO_ENTS));
  const xLabels = [...cats].sort(last(NO_CAT));
  const counts = yLabels.map((t) => xLabels.map((c) => cells.get(key(t, c)) ?? 0));
  const colTotals = xLabels.map((_, j) => counts.reduce((a, r) => a + r[j], 0));
  const z = opts.normalize === 'category' ? counts.map((r) => r.map((v, j) => (colTotals[j] ? v / colTotals[j] : 0))) : counts;
  return annotatedHeatmap({
    z,
    text: counts.map((r, i) => r.map((v, j) => (opts.normalize ? `${v}<br>${(100 * z[i][j]).toFixed(0)}%` : String(v)))),
    xLabels,
    yLabels,
    xTitle: 'category (gold)',
    yTitle: 'entity type',
    title: opts.title ?? `Entity types × categories (${count === 'examples' ? 'texts' : 'spans'})`,
    zmax: opts.normalize ? 1 : undefined,
    colorscale: YLGNBU,
    height: opts.height,
  });
}
