import { check } from '../errors';
import type { CatConfusion } from '../eval/scores';
import { escapePlotlyText, type Figure } from './figure';
import { annotatedHeatmap } from './heatmap';

/** Options of `confusionHeatmap`. */
export interface ConfusionOptions {
  /** Colour by share: 'true' (per gold row), 'pred' (per predicted column), 'all', or counts (default false). */
  normalize?: 'true' | 'pred' | 'all' | false;
  title?: string;
  height?: number;
}

function normalized(m: number[][], how: ConfusionOptions['normalize']): number[][] {
  if (!how) return m;
  const total = m.flat().reduce((a, b) => a + b, 0);
  return m.map((row, i) =>
    row.map((v, j) => {
      const d = how === 'true' ? row.reduce((a, b) => a + b, 0) : how === 'pred' ? m.reduce((a, r) => a + r[j], 0) : total;
      return d > 0 ? v / d : 0;
    }),
  );
}

/**
 * Confusion matrix heatmap with counts (and shares when normalized) in each cell. Exclusive:
 * gold × predicted labels; multilabel: one row per label with TP / FN / FP / TN columns.
 */
export function confusionHeatmap(confusion: CatConfusion | { labels: string[]; matrix: number[][] }, opts: ConfusionOptions = {}): Figure {
  const { labels } = confusion;
  check(labels.length > 0, 'E506', () => 'confusionHeatmap: no labels');
  const multilabel = 'kind' in confusion && confusion.kind === 'multilabel';
  const counts: number[][] = multilabel
    ? (confusion.matrix as [[number, number], [number, number]][]).map(([[tn, fp], [fn, tp]]) => [tp, fn, fp, tn])
    : (confusion.matrix as number[][]);
  check(counts.length === labels.length && (multilabel || counts.every((r) => r.length === labels.length)), 'E506', () => `confusionHeatmap: matrix is not ${labels.length} × ${labels.length}`);
  const z = normalized(counts, opts.normalize);
  const text = counts.map((row, i) => row.map((v, j) => (opts.normalize ? `${v}<br>${(100 * z[i][j]).toFixed(0)}%` : String(v))));
  const xLabels = multilabel ? ['TP (gold+ pred+)', 'FN (gold+ pred−)', 'FP (gold− pred+)', 'TN (gold− pred−)'] : labels;
  return annotatedHeatmap({
    z,
    text,
    xLabels,
    yLabels: labels,
    xTitle: multilabel ? 'outcome' : 'predicted',
    yTitle: multilabel ? 'label' : 'gold',
    title: opts.title ?? `Category confusion${opts.normalize ? ` (normalized over ${opts.normalize === 'true' ? 'gold rows' : opts.normalize === 'pred' ? 'predicted columns' : 'all'})` : ''}`,
    zmax: opts.normalize ? 1 : undefined,
    height: opts.height,
    hover: counts.map((row, i) => row.map((v, j) => escapePlotlyText(`gold ${labels[i]}, ${multilabel ? xLabels[j] : `predicted ${labels[j]}`}: ${v}`))),
  });
}
