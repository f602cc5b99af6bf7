import type { Example } from '../data/types';
import { check } from '../errors';

/** Options for scoring categories. */
export interface CatOptions {
  /** Score at or above which a label counts as predicted (multilabel). Default 0.5. */
  threshold?: number;
  /** Mutually exclusive categories (argmax). Default: inferred, true when every example with
   *  known categories has exactly one positive and there are at least 2 labels. */
  exclusive?: boolean;
  /** Category labels to score. Default: the sorted union of gold and predicted keys. */
  labels?: string[];
}

/** A resolved category task: which labels, exclusive or multilabel, and the threshold. */
export interface CatTask {
  labels: string[];
  exclusive: boolean;
  threshold: number;
}

const hasKnownCats = (e: Example): boolean => Object.keys(e.cats).length > 0;
const positives = (e: Example, labels: readonly string[]): string[] => labels.filter((l) => e.cats[l] === 1);

/** Resolves labels and exclusivity once for a gold set, so resamples and sub-scores agree. */
export function resolveCatTask(gold: readonly Example[], pred: readonly Example[], opts: CatOptions = {}): CatTask {
  const threshold = opts.threshold ?? 0.5;
  check(threshold >= 0 && threshold <= 1, 'E007', () => `threshold must be in [0, 1], got ${threshold}`, { field: 'threshold' });
  const labels = opts.labels
    ? [...opts.labels]
    : [...new Set([...gold, ...pred].flatMap((e) => Object.keys(e.cats)))].sort();
  let exclusive: boolean;
  if (opts.exclusive === undefined) {
    const known = gold.filter(hasKnownCats);
    exclusive = labels.length >= 2 && known.length > 0 && known.every((e) => positives(e, labels).length === 1);
  } else {
    exclusive = opts.exclusive;
    if (exclusive) {
      gold.forEach((e, i) => {
        if (!hasKnownCats(e)) return;
        const pos = positives(e, labels);
        check(pos.length === 1, 'E503', () => `example has ${pos.length} positive categories (${pos.join(', ') || 'none'}): ${JSON.stringify(e.cats)}`, {
          index: i,
          field: 'cats',
        });
      });
    }
  }
  return { labels, exclusive, threshold };
}

/** The label with the highest score (missing scores count as 0; ties go to the first label). */
export function argmaxLabel(cats: Record<string, number>, labels: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const l of labels) {
    const s = cats[l] ?? 0;
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  return best;
}

/** The single gold positive of an exclusive example (undefined when its categories are unknown). */
export function goldLabel(cats: Record<string, number>, labels: readonly string[]): string | undefined {
  return labels.find((l) => cats[l] === 1);
}
