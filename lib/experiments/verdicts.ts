import type { Example } from '../data/types';
import { check } from '../errors';
import { pairedBootstrapPooled } from '../eval/bootstrap';
import type { CatOptions } from '../eval/catTask';
import type { RunRecord } from '../eval/scores';
import { meanCI, pairedTTest } from '../eval/stats';
import type { ActiveLearningPoint } from './activeLearning';

/** How a system compares with the baseline on one metric (every metric: higher is better). */
export type VerdictOutcome = 'better' | 'worse' | 'no significant difference' | 'untested';

/** One system (scheme, strategy) against the baseline on one metric, within one dataset and train size. */
export interface Verdict {
  dataset: string | null;
  trainSize: number | null;
  system: string;
  baseline: string;
  metric: string;
  /** Mean over seeds of the system's metric, and of the baseline's. */
  value: number | null;
  baselineValue: number | null;
  /** system − baseline: on predictions pooled over seeds (bootstrap), or the mean paired difference (t-test). */
  diff: number | null;
  /** Confidence interval of `diff` (bootstrap percentiles, or t interval over seeds); null when it cannot be formed. */
  low: number | null;
  high: number | null;
  /** Two-sided p-value of "no difference"; null when untested. */
  p: number | null;
  /** p after Holm's step-down correction over every tested verdict of the same call. */
  pHolm: number | null;
  /** p of a paired t-test over seeds (the seed-to-seed variation a bootstrap over test texts leaves out); null below 2 pairs. */
  pSeeds: number | null;
  test: 'bootstrap' | 't-test' | null;
  /** Seeds the system shares with the baseline (the tested pairs). */
  pairs: number;
  /** 'better' / 'worse' when p < alpha, by the sign of diff. */
  outcome: VerdictOutcome;
}

/** Options of `schemeVerdicts`. */
export interface SchemeVerdictOptions extends CatOptions {
  /** Scheme the others are tested against (default 'separate'). */
  baseline?: string;
  /** Numeric Scores fields (default: those of ents_f, cats_acc, sentence_acc that the runs report). */
  metrics?: string[];
  /** Gold test examples: one array shared by every run, or one per dataset name. With it (and run predictions) p comes from a paired bootstrap. */
  gold?: readonly Example[] | Record<string, readonly Example[]>;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Level of the difference's CI (default 0.95). */
  confidence?: number;
  /** Bootstrap resamples (default 1000) and seed (default 0). */
  samples?: number;
  seed?: number;
}

const DEFAULT_METRICS = ['ents_f', 'cats_acc', 'sentence_acc'];

const scoreOf = (run: RunRecord, metric: string): number | null => {
  const v = (run.scores as unknown as Record<string, unknown>)[metric];
  check(v === null || v === undefined || typeof v === 'number', 'E504', () => `"${metric}" is not a numeric Scores field (got ${typeof v})`, { field: 'metrics' });
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

const numbers = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function outcomeOf(p: number | null, diff: number | null, alpha: number): VerdictOutcome {
  if (p === null || diff === null) return 'untested';
  if (p >= alpha) return 'no significant difference';
  return diff > 0 ? 'better' : diff < 0 ? 'worse' : 'no significant difference';
}

/** Holm's step-down adjusted p-values (nulls stay null), in input order. */
export function holmAdjust(ps: readonly (number | null)[]): (number | null)[] {
  const tested = ps.map((p, i) => [p, i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
  tested.sort((a, b) => a[0] - b[0]);
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  tested.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (tested.length - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Paired t-test verdict numbers from per-seed values of the baseline (a) and the system (b). */
function tTestParts(a: readonly number[], b: readonly number[], confidence: number): Pick<Verdict, 'diff' | 'low' | 'high' | 'p' | 'test'> {
  if (a.length === 0) return { diff: null, low: null, high: null, p: null, test: null };
  const ci = meanCI(
    a.map((x, i) => b[i] - x),
    { confidence },
  );
  return { diff: ci.mean, low: ci.low, high: ci.high, p: pairedTTest(a, b).pValue, test: a.length >= 2 ? 't-test' : null };
}

/**
 * Every scheme against the baseline scheme, per dataset and train size and per metric: mean over
 * seeds of both, the difference with its CI and a two-sided p-value. Runs are paired by seed. With
 * gold examples and stored predictions the test is the paired bootstrap pooled over seeds
 * (pairedBootstrapPooled: diff and CI on the pooled predictions); otherwise a paired t-test over
 * seeds (null p with one seed). `outcome` says better / worse at p < alpha; `pHolm` corrects for
 * the number of tests made in this call.
 */
export function schemeVerdicts(runs: readonly RunRecord[], opts: SchemeVerdictOptions = {}): Verdict[] {
  check(runs.length > 0, 'E505', () => 'schemeVerdicts needs at least one run');
  const baseline = opts.baseline ?? 'separate';
  const alpha = opts.alpha ?? 0.05;
  check(alpha > 0 && alpha < 1, 'E007', () => `alpha must be in (0, 1), got ${alpha}`, { field: 'alpha' });
  const confidence = opts.confidence ?? 0.95;
  const metrics = opts.metrics ?? DEFAULT_METRICS.filter((m) => runs.some((r) => scoreOf(r, m) !== null));
  const goldFor = (dataset: string | undefined): readonly Example[] | undefined => {
    if (opts.gold === undefined) return undefined;
    if (Array.isArray(opts.gold)) return opts.gold as readonly Example[];
    return dataset === undefined ? undefined : (opts.gold as Record<string, readonly Example[]>)[dataset];
  };
  const verdicts: Verdict[] = [];
  for (const group of groupBy(runs, (r) => JSON.stringify([r.dataset ?? null, r.trainSize ?? null])).values()) {
    const { dataset, trainSize } = group[0];
    const bySystem = groupBy(group, (r) => r.scheme);
    const base = bySystem.get(baseline);
    check(base !== undefined, 'E505', () => `baseline scheme "${baseline}" has no runs${dataset ? ` on ${dataset}` : ''} (schemes: ${[...bySystem.keys()].join(', ')})`, {
      field: 'baseline',
    });
    const gold = goldFor(dataset);
    for (const [system, mine] of bySystem) {
      if (system === baseline) continue;
      const pairs = mine.flatMap((r) => base.filter((b) => b.seed === r.seed).slice(0, 1).map((b) => [b, r] as const));
      for (const metric of metrics) {
        const value = meanCI(numbers(mine.map((r) => scoreOf(r, metric)))).mean;
        const baselineValue = meanCI(numbers(base.map((r) => scoreOf(r, metric)))).mean;
        const defined = pairs.filter(([b, r]) => scoreOf(b, metric) !== null && scoreOf(r, metric) !== null);
        let parts: Pick<Verdict, 'diff' | 'low' | 'high' | 'p' | 'test'>;
        if (gold && defined.length > 0 && defined.length === pairs.length && pairs.every(([b, r]) => b.predictions && r.predictions)) {
          const res = pairedBootstrapPooled(
            gold,
            pairs.map(([b]) => b.predictions!),
            pairs.map(([, r]) => r.predictions!),
            metric,
            { threshold: opts.threshold, exclusive: opts.exclusive, labels: opts.labels, samples: opts.samples, seed: opts.seed, confidence },
          );
          parts = { diff: res.diff, low: res.ci[0], high: res.ci[1], p: res.pValue, test: 'bootstrap' };
        } else {
          parts = tTestParts(
            defined.map(([b]) => scoreOf(b, metric)!),
            defined.map(([, r]) => scoreOf(r, metric)!),
            confidence,
          );
        }
        const seedTest = pairedTTest(
          defined.map(([b]) => scoreOf(b, metric)!),
          defined.map(([, r]) => scoreOf(r, metric)!),
        );
        verdicts.push({
          dataset: dataset ?? null,
          trainSize: trainSize ?? null,
          system,
          baseline,
          metric,
          value,
          baselineValue,
          ...parts,
          pHolm: null,
          pSeeds: seedTest.pValue,
          pairs: pairs.length,
          outcome: outcomeOf(parts.p, parts.diff, alpha),
        });
      }
    }
  }
  holmAdjust(verdicts.map((v) => v.p)).forEach((p, i) => (verdicts[i].pHolm = p));
  return verdicts;
}

/** Options of `activeLearningVerdicts`. */
export interface ActiveLearningVerdictOptions {
  /** Strategy the others are tested against (default 'random'). */
  baseline?: string;
  /** Task name → metric of the points (default NER → ents_f, textcat → cats_acc). */
  tasks?: Record<string, keyof ActiveLearningPoint>;
  /** 'area': the curve's mean height (trapezoid area over the annotated sizes, divided by their range); 'final': the last round. Default 'area'. */
  summary?: 'area' | 'final';
  alpha?: number;
  confidence?: number;
}

/** The curve's summary value: normalised trapezoid area, or the last point (sizes ascending, nulls skipped). */
export function curveSummary(sizes: readonly number[], values: readonly (number | null)[], summary: 'area' | 'final' = 'area'): number | null {
  const pts = sizes.map((x, i) => [x, values[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]));
  if (pts.length === 0) return null;
  if (summary === 'final' || pts.length === 1) return pts[pts.length - 1][1];
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += ((pts[i][1] + pts[i - 1][1]) / 2) * (pts[i][0] - pts[i - 1][0]);
  const range = pts[pts.length - 1][0] - pts[0][0];
  return range > 0 ? area / range : pts[pts.length - 1][1];
}

/**
 * Every selection strategy against the baseline strategy, per dataset and task: each strategy × seed
 * curve is summarised (`summary`: mean height over the annotation budget, or the final score), and
 * the summaries are compared with a paired t-test over seeds (null p with one seed). The metric is
 * reported as '<task> <metric> (<summary>)'.
 */
export function activeLearningVerdicts(points: readonly ActiveLearningPoint[], opts: ActiveLearningVerdictOptions = {}): Verdict[] {
  check(points.length > 0, 'E505', () => 'activeLearningVerdicts needs at least one point');
  const baseline = opts.baseline ?? 'random';
  const tasks = opts.tasks ?? { NER: 'ents_f', textcat: 'cats_acc' };
  const summary = opts.summary ?? 'area';
  const alpha = opts.alpha ?? 0.05;
  const confidence = opts.confidence ?? 0.95;
  const verdicts: Verdict[] = [];
  for (const group of groupBy(points, (p) => p.dataset).values()) {
    const dataset = group[0].dataset;
    // strategy → seed → summary value, per task
    const summaries = (strategy: string, metric: keyof ActiveLearningPoint): Map<number, number | null> => {
      const out = new Map<number, number | null>();
      for (const [seed, pts] of groupBy(group.filter((p) => p.strategy === strategy), (p) => String(p.seed))) {
        const sorted = [...pts].sort((a, b) => a.size - b.size);
        out.set(Number(seed), curveSummary(sorted.map((p) => p.size), sorted.map((p) => p[metric] as number | null), summary));
      }
      return out;
    };
    const strategies = [...new Set(group.map((p) => p.strategy))];
    check(strategies.includes(baseline as ActiveLearningPoint['strategy']), 'E505', () => `baseline strategy "${baseline}" has no points on ${dataset} (strategies: ${strategies.join(', ')})`, {
      field: 'baseline',
    });
    for (const [task, metric] of Object.entries(tasks)) {
      const base = summaries(baseline, metric);
      for (const system of strategies) {
        if (system === baseline) continue;
        const mine = summaries(system, metric);
        const seeds = [...mine.keys()].filter((s) => base.has(s));
        const defined = seeds.filter((s) => mine.get(s) !== null && base.get(s) !== null);
        const parts = tTestParts(
          defined.map((s) => base.get(s)!),
          defined.map((s) => mine.get(s)!),
          confidence,
        );
        verdicts.push({
          dataset,
          trainSize: null,
          system,
          baseline,
          metric: `${task} ${String(metric)} (${summary === 'area' ? 'area under the curve' : 'final round'})`,
          value: meanCI(numbers([...mine.values()])).mean,
          baselineValue: meanCI(numbers([...base.values()])).mean,
          ...parts,
          pHolm: null,
          pSeeds: parts.p,
          pairs: seeds.length,
          outcome: outcomeOf(parts.p, parts.diff, alpha),
        });
      }
    }
  }
  holmAdjust(verdicts.map((v) => v.p)).forEach((p, i) => (verdicts[i].pHolm = p));
  return verdicts;
}

/** Options of `verdictSummaryHtml`. */
export interface VerdictSummaryOptions {
  /** Significance level the verdicts were made at (default 0.05). */
  alpha?: number;
  /** What the systems are called in the text (default 'scheme'). */
  noun?: string;
  /** Level of the verdicts' confidence intervals, for the text (default 0.95). */
  confidence?: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`;
const pFmt = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

function effect(v: Verdict, alpha: number): string {
  const ci = v.low !== null && v.high !== null ? `, CI [${pts(v.low)}, ${pts(v.high)}]` : '';
  const holm = v.pHolm !== null && v.p !== null && v.pHolm >= alpha && v.p < alpha ? '; not significant after Holm correction' : '';
  return `${esc(v.metric)} ${pts(v.diff!)} points (${(100 * v.value!).toFixed(1)} vs ${(100 * v.baselineValue!).toFixed(1)}${ci}, ${pFmt(v.p!)}${holm})`;
}

/**
 * A written conclusion of verdicts, as HTML: per dataset (and train size) which systems are
 * significantly better or worse than the baseline and by how many points (with CI and p), which
 * differences are not significant, which were not tested, the best mean per metric, and how many
 * significant results chance alone would give. Every number comes from the verdicts.
 */
export function verdictSummaryHtml(verdicts: readonly Verdict[], opts: VerdictSummaryOptions = {}): string {
  check(verdicts.length > 0, 'E505', () => 'verdictSummaryHtml needs at least one verdict');
  const alpha = opts.alpha ?? 0.05;
  const noun = opts.noun ?? 'scheme';
  const parts: string[] = [];
  for (const group of groupBy(verdicts, (v) => JSON.stringify([v.dataset, v.trainSize])).values()) {
    const { dataset, trainSize, baseline } = group[0];
    const where = `${dataset === null ? 'All runs' : `<b>${esc(dataset)}</b>`}${trainSize === null ? '' : ` (${trainSize.toLocaleString('en-US')} training examples)`}`;
    const seeds = Math.max(...group.map((v) => v.pairs));
    const tests = [...new Set(group.map((v) => v.test).filter((t) => t !== null))];
    const items: string[] = [];
    for (const outcome of ['better', 'worse'] as const) {
      const hits = group.filter((v) => v.outcome === outcome);
      const bySystem = groupBy(hits, (v) => v.system);
      items.push(
        `<li>Significantly ${outcome} than <code>${esc(baseline)}</code> (p &lt; ${alpha}): ` +
          (hits.length === 0 ? 'none.' : [...bySystem].map(([s, vs]) => `<code>${esc(s)}</code> on ${vs.map((v) => effect(v, alpha)).join('; ')}`).join('; ') + '.') +
          '</li>',
      );
    }
    const flat = groupBy(
      group.filter((v) => v.outcome === 'no significant difference'),
      (v) => v.system,
    );
    if (flat.size) {
      items.push(`<li>No significant difference: ${[...flat].map(([s, vs]) => `<code>${esc(s)}</code> (${vs.map((v) => esc(v.metric)).join(', ')})`).join('; ')}.</li>`);
    }
    const untested = groupBy(
      group.filter((v) => v.outcome === 'untested'),
      (v) => v.system,
    );
    if (untested.size) {
      items.push(
        `<li>Not tested (fewer than two paired seeds, or the metric is undefined): ${[...untested].map(([s, vs]) => `<code>${esc(s)}</code> (${vs.map((v) => esc(v.metric)).join(', ')})`).join('; ')}.</li>`,
      );
    }
    const best = [...groupBy(group, (v) => v.metric)].map(([metric, vs]) => {
      const cands = [{ system: baseline, value: vs[0].baselineValue }, ...vs.map((v) => ({ system: v.system, value: v.value }))].filter(
        (c): c is { system: string; value: number } => c.value !== null,
      );
      if (cands.length === 0) return `${esc(metric)}: n/a`;
      const top = cands.reduce((a, b) => (b.value > a.value ? b : a));
      return `${esc(metric)}: <code>${esc(top.system)}</code> (${(100 * top.value).toFixed(1)})`;
    });
    items.push(`<li>Highest mean: ${best.join('; ')}.</li>`);
    parts.push(
      `<p>${where}, ${seeds} paired seed${seeds === 1 ? '' : 's'}${tests.length ? `, ${tests.join(' / ')}` : ''}; each ${esc(noun)} against <code>${esc(baseline)}</code>:</p>\n<ul>\n${items.join('\n')}\n</ul>`,
    );
  }
  const tested = verdicts.filter((v) => v.p !== null);
  const significant = tested.filter((v) => v.p! < alpha);
  const holm = tested.filter((v) => v.pHolm! < alpha).length;
  const bootstrapped = significant.filter((v) => v.test === 'bootstrap');
  const seedsAgree = bootstrapped.filter((v) => v.pSeeds !== null && v.pSeeds < alpha).length;
  if (tested.length === 0) {
    parts.push(`<p>No difference could be tested: every ${esc(noun)} needs at least two seeds paired with the baseline.</p>`);
    return `<div class="wb-verdicts">\n${parts.join('\n')}\n</div>`;
  }
  parts.push(
    `<p>Differences are in points (score × 100), ${noun} minus baseline, with their ${Math.round(100 * (opts.confidence ?? 0.95))}% confidence interval. ` +
      `${tested.length} tests were made at α = ${alpha}: ${significant.length} came out significant, while chance alone would give about ${(tested.length * alpha).toFixed(1)}. ` +
      `${holm} remain${holm === 1 ? 's' : ''} significant after Holm's correction for ${tested.length} tests.` +
      (bootstrapped.length
        ? ` The bootstrap resamples test texts with the trained models fixed, so it leaves out the variation between seeds: ` +
          `${seedsAgree} of the ${bootstrapped.length} significant bootstrap results also have p < ${alpha} in a paired t-test over seeds.`
        : '') +
      '</p>',
  );
  return `<div class="wb-verdicts">\n${parts.join('\n')}\n</div>`;
}
