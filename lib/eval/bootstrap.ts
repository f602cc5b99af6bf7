import type { Example } from '../data/types';
import { check } from '../errors';
import { checkAligned } from './align';
import { resolveCatTask, type CatOptions, type CatTask } from './catTask';
import { scoreExamples } from './evaluate';
import { exactMatchFlags } from './exactMatch';
import { prf } from './prf';
import { mulberry32 } from '../util/mulberry32';
import { catCounts, macroPRF } from './scoreCats';
import { entityCounts } from './scoreEntities';
import type { PRF } from './scores';

/** A metric over aligned gold/pred arrays; null when undefined on that sample. */
export type MetricFn = (gold: readonly Example[], pred: readonly Example[]) => number | null;

/** A metric function, or the name of a numeric `Scores` field ('ents_f', 'cats_acc', 'sentence_acc', ...). */
export type Metric = MetricFn | string;

/** Options of the paired bootstrap. */
export interface BootstrapOptions extends CatOptions {
  /** Number of resamples (default 1000). */
  samples?: number;
  /** Seed of the default mulberry32 generator (default 0). */
  seed?: number;
  /** Injected uniform [0, 1) generator; overrides `seed`. */
  random?: () => number;
  /** Level of the percentile CI of the difference (default 0.95). */
  confidence?: number;
}

/** Result of a paired bootstrap of system B against system A. */
export interface BootstrapResult {
  /** metric(B) - metric(A) on the full set. */
  diff: number;
  a: number;
  b: number;
  /** Percentile confidence interval of the difference. */
  ci: [number, number];
  /** Two-sided p-value of "no difference" (shifted-distribution method, +1 smoothed). */
  pValue: number;
  /** Resamples on which the metric was defined for both systems (the others are not counted). */
  samples: number;
}

// A metric that is a function of per-example counts summed over the sample: each resample is O(n k).
interface Additive {
  k: number;
  rows(gold: readonly Example[], pred: readonly Example[]): Float64Array;
  value(sums: Float64Array): number | null;
}

const PRF_FIELD = { p: 'p', r: 'r', f: 'f' } as const;

function additiveMetric(name: string, task: CatTask): Additive | undefined {
  const L = task.labels.length;
  const m = /^(ents|cats_micro|cats_macro)_([prf])$/.exec(name) ?? (name === 'cats_score' && task.exclusive ? [name, 'cats_macro', 'f'] : null);
  if (m) {
    const field = PRF_FIELD[m[2] as 'p' | 'r' | 'f'];
    if (m[1] === 'ents') {
      return {
        k: 3,
        rows(gold, pred) {
          const out = new Float64Array(gold.length * 3);
          gold.forEach((g, i) => {
            const c = entityCounts(g, pred[i]);
            out.set([c.tp, c.fp, c.fn], i * 3);
          });
          return out;
        },
        value: (s) => prf(s[0], s[1], s[2])[field],
      };
    }
    const macro = m[1] === 'cats_macro';
    return {
      k: 3 * L,
      rows(gold, pred) {
        const c = catCounts(gold, pred, task);
        const out = new Float64Array(gold.length * 3 * L);
        for (let i = 0; i < gold.length; i++)
          for (let j = 0; j < L; j++) out.set([c.tp[i * L + j], c.fp[i * L + j], c.fn[i * L + j]], (i * L + j) * 3);
        return out;
      },
      value(s) {
        const per: PRF[] = [];
        for (let j = 0; j < L; j++) per.push(prf(s[3 * j], s[3 * j + 1], s[3 * j + 2]));
        if (macro) return macroPRF(per)[field];
        return prf(...([0, 1, 2].map((o) => per.reduce((a, x) => a + [x.tp, x.fp, x.fn][o], 0)) as [number, number, number]))[field];
      },
    };
  }
  if (name === 'cats_acc' || name === 'sentence_acc') {
    return {
      k: 2,
      rows(gold, pred) {
        const c = catCounts(gold, pred, task);
        const flags = name === 'sentence_acc' ? exactMatchFlags(gold, pred, c) : c.correct;
        const out = new Float64Array(gold.length * 2);
        for (let i = 0; i < gold.length; i++) out.set([flags[i], name === 'sentence_acc' ? 1 : c.scored[i]], i * 2);
        return out;
      },
      value: (s) => (s[1] > 0 ? s[0] / s[1] : null),
    };
  }
  return undefined;
}

function metricFunction(name: string, task: CatTask, gold: readonly Example[], pred: readonly Example[]): MetricFn {
  const fn: MetricFn = (g, p) => {
    const v = (scoreExamples(g, p, task) as unknown as Record<string, unknown>)[name];
    return typeof v === 'number' ? v : null;
  };
  const probe = (scoreExamples(gold, pred, task) as unknown as Record<string, unknown>)[name];
  check(typeof probe === 'number' || probe === null, 'E504', () => `"${name}" is not a numeric Scores field (got ${typeof probe})`, { field: 'metric' });
  return fn;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Paired bootstrap over several prediction sets of the same gold examples (e.g. one per seed):
 * examples are resampled once per round and every pair (A[s], B[s]) is scored on that sample,
 * pooling counts over seeds. See `pairedBootstrap` for the p-value.
 */
export function pairedBootstrapPooled(
  gold: readonly Example[],
  predsA: readonly (readonly Example[])[],
  predsB: readonly (readonly Example[])[],
  metric: Metric,
  opts: BootstrapOptions = {},
): BootstrapResult {
  check(predsA.length === predsB.length && predsA.length > 0, 'E505', () => `need the same number (> 0) of prediction sets for A and B, got ${predsA.length} and ${predsB.length}`);
  predsA.forEach((p) => checkAligned(gold, p, 'pairedBootstrap (A)'));
  predsB.forEach((p) => checkAligned(gold, p, 'pairedBootstrap (B)'));
  const samples = opts.samples ?? 1000;
  check(Number.isInteger(samples) && samples > 0, 'E007', () => `samples must be a positive integer, got ${samples}`, { field: 'samples' });
  const confidence = opts.confidence ?? 0.95;
  const random = opts.random ?? mulberry32(opts.seed ?? 0);
  const n = gold.length;
  check(n > 0, 'E505', () => 'pairedBootstrap needs at least one example');
  const task = resolveCatTask(gold, [...predsA.flat(), ...predsB.flat()], opts);

  // Each system is summarised as `score(indices)`; indices = null means the full set.
  type Scorer = (idx: Int32Array | null) => number | null;
  let scorers: [Scorer, Scorer];
  const additive = typeof metric === 'string' ? additiveMetric(metric, task) : undefined;
  if (additive) {
    const { k } = additive;
    const pooledRows = (preds: readonly (readonly Example[])[]): Float64Array => {
      const sum = new Float64Array(n * k);
      for (const p of preds) additive.rows(gold, p).forEach((v, j) => (sum[j] += v));
      return sum;
    };
    const make = (rows: Float64Array): Scorer => {
      const sums = new Float64Array(k);
      return (idx) => {
        sums.fill(0);
        const m = idx ? idx.length : n;
        for (let t = 0; t < m; t++) {
          const base = (idx ? idx[t] : t) * k;
          for (let j = 0; j < k; j++) sums[j] += rows[base + j];
        }
        return additive.value(sums);
      };
    };
    scorers = [make(pooledRows(predsA)), make(pooledRows(predsB))];
  } else {
    const fn = typeof metric === 'function' ? metric : metricFunction(metric, task, gold, predsA[0]);
    const make = (preds: readonly (readonly Example[])[]): Scorer => (idx) => {
      const g: Example[] = [];
      const p: Example[] = [];
      for (const ps of preds) {
        if (idx) for (const i of idx) (g.push(gold[i]), p.push(ps[i]));
        else (g.push(...gold), p.push(...ps));
      }
      return fn(g, p);
    };
    scorers = [make(predsA), make(predsB)];
  }

  const a = scorers[0](null);
  const b = scorers[1](null);
  check(a !== null && b !== null, 'E505', () => `metric is undefined on the full set (A: ${a}, B: ${b}), e.g. no gold entities`, { field: 'metric' });
  const diff = b - a;
  const diffs: number[] = [];
  const idx = new Int32Array(n);
  for (let s = 0; s < samples; s++) {
    for (let t = 0; t < n; t++) idx[t] = Math.floor(random() * n);
    const sa = scorers[0](idx);
    const sb = scorers[1](idx);
    if (sa !== null && sb !== null) diffs.push(sb - sa);
  }
  check(diffs.length > 0, 'E505', () => 'the metric was undefined on every resample');
  // Shifted-distribution test (Berg-Kirkpatrick et al. 2012, two-sided): under H0 the resampled
  // differences centre on 0, so count how often |δ_i - δ| reaches the observed |δ|.
  const eps = 1e-12;
  const extreme = diffs.reduce((c, d) => c + (Math.abs(d - diff) >= Math.abs(diff) - eps ? 1 : 0), 0);
  const sorted = [...diffs].sort((x, y) => x - y);
  return {
    diff,
    a,
    b,
    ci: [quantile(sorted, (1 - confidence) / 2), quantile(sorted, (1 + confidence) / 2)],
    pValue: (extreme + 1) / (diffs.length + 1),
    samples: diffs.length,
  };
}

/**
 * Paired bootstrap of system B against A on the same gold examples: resamples examples with
 * replacement (seeded mulberry32 unless `random` is injected) and returns metric(B) - metric(A),
 * its percentile CI and a two-sided p-value by the shifted-distribution method of Berg-Kirkpatrick
 * et al. (2012): p = (1 + #{|δ_i − δ| ≥ |δ|}) / (1 + samples). Identical systems give p = 1.
 * Named metrics that are sums of per-example counts (ents_*, cats_micro_*, cats_macro_*, cats_acc,
 * sentence_acc) are precomputed per example, so a resample costs O(n).
 */
export function pairedBootstrap(
  gold: readonly Example[],
  predsA: readonly Example[],
  predsB: readonly Example[],
  metric: Metric,
  opts: BootstrapOptions = {},
): BootstrapResult {
  return pairedBootstrapPooled(gold, [predsA], [predsB], metric, opts);
}
