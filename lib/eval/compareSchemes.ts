import type { DataFrame } from 'danfojs-node';
import type { Example } from '../data/types';
import { check } from '../errors';
import { pairedBootstrapPooled } from './bootstrap';
import type { CatOptions } from './catTask';
import type { RunRecord } from './scores';
import { meanCI, pairedTTest } from './stats';

/** Options of `compareSchemes`. */
export interface CompareOptions extends CatOptions {
  /** Scheme the others are tested against (default 'separate'). If given explicitly it must exist. */
  baseline?: string;
  /** Numeric Scores fields to summarise (default: those of ents_f, cats_score, sentence_acc that runs report). */
  metrics?: string[];
  /** Shared gold test set: with it and `run.predictions`, p-values come from a paired bootstrap. */
  gold?: readonly Example[];
  /** CI level over seeds (default 0.95). */
  confidence?: number;
  /** Bootstrap resamples (default 1000) and seed (default 0). */
  samples?: number;
  seed?: number;
}

/** One row of the comparison: a scheme (within a dataset and train size) and its metric summaries. */
export type CompareRow = Record<string, string | number | null>;

const DEFAULT_METRICS = ['ents_f', 'cats_score', 'sentence_acc'];

const metricValue = (run: RunRecord, metric: string): number | null => {
  const v = (run.scores as unknown as Record<string, unknown>)[metric];
  check(v === null || v === undefined || typeof v === 'number', 'E504', () => `"${metric}" is not a numeric Scores field (got ${typeof v})`, { field: 'metrics' });
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/**
 * The comparison table as plain rows: per (dataset, trainSize, scheme) the number of seeds and, per
 * metric, `<m>_mean`, `<m>_low`, `<m>_high` (t CI over seeds) and `<m>_p` (vs the baseline: paired
 * bootstrap pooled over seeds when predictions and gold exist, else a paired t-test over seeds).
 */
export function compareSchemeRows(runs: readonly RunRecord[], opts: CompareOptions = {}): CompareRow[] {
  check(runs.length > 0, 'E505', () => 'compareSchemes needs at least one run');
  const baseline = opts.baseline ?? 'separate';
  const schemes = [...new Set(runs.map((r) => r.scheme))];
  check(opts.baseline === undefined || schemes.includes(baseline), 'E505', () => `baseline scheme "${baseline}" not among runs (${schemes.join(', ')})`, {
    field: 'baseline',
  });
  const metrics = opts.metrics ?? DEFAULT_METRICS.filter((m) => runs.some((r) => metricValue(r, m) !== null));
  const hasDataset = runs.some((r) => r.dataset !== undefined);
  const hasSize = runs.some((r) => r.trainSize !== undefined);

  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const key = JSON.stringify([r.dataset ?? null, r.trainSize ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const order = (s: string): number => (s === baseline ? -1 : schemes.indexOf(s));
  const rows: CompareRow[] = [];
  for (const group of groups.values()) {
    const byScheme = new Map<string, RunRecord[]>();
    for (const r of group) byScheme.set(r.scheme, [...(byScheme.get(r.scheme) ?? []), r]);
    const base = byScheme.get(baseline);
    for (const scheme of [...byScheme.keys()].sort((x, y) => order(x) - order(y))) {
      const mine = byScheme.get(scheme)!;
      const row: CompareRow = {};
      if (hasDataset) row.dataset = mine[0].dataset ?? null;
      if (hasSize) row.trainSize = mine[0].trainSize ?? null;
      row.scheme = scheme;
      row.n_seeds = new Set(mine.map((r) => r.seed)).size;
      // Pair runs with the baseline by seed.
      const pairs = scheme === baseline || !base ? [] : mine.flatMap((r) => base.filter((b) => b.seed === r.seed).slice(0, 1).map((b) => [b, r] as const));
      const bootstrap = opts.gold !== undefined && pairs.length > 0 && pairs.every(([b, r]) => b.predictions && r.predictions);
      row.p_test = pairs.length === 0 ? null : bootstrap ? 'bootstrap' : 't-test';
      for (const m of metrics) {
        const ci = meanCI(mine.map((r) => metricValue(r, m)).filter((v): v is number => v !== null), { confidence: opts.confidence });
        row[`${m}_mean`] = ci.mean;
        row[`${m}_low`] = ci.low;
        row[`${m}_high`] = ci.high;
        let p: number | null = null;
        if (bootstrap) {
          p = pairedBootstrapPooled(
            opts.gold!,
            pairs.map(([b]) => b.predictions!),
            pairs.map(([, r]) => r.predictions!),
            m,
            { ...opts, samples: opts.samples, seed: opts.seed },
          ).pValue;
        } else if (pairs.length > 0) {
          const ok = pairs.filter(([b, r]) => metricValue(b, m) !== null && metricValue(r, m) !== null);
          p = pairedTTest(ok.map(([b]) => metricValue(b, m)!), ok.map(([, r]) => metricValue(r, m)!)).pValue;
        }
        row[`${m}_p`] = p;
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * Compares schemes over seeds as a danfojs DataFrame: one row per scheme (per dataset/train size
 * when runs have them), columns `scheme`, `n_seeds`, `p_test` and `<metric>_mean/_low/_high/_p`.
 */
export function compareSchemes(runs: readonly RunRecord[], opts: CompareOptions = {}): DataFrame {
  const rows = compareSchemeRows(runs, opts);
  // danfojs-node pulls in tfjs and takes ~1 s to load: only pay for it when a table is asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  return new dfd.DataFrame(rows);
}
