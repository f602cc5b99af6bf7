// Our model runs for the bench: one config per mode, cached in bench/runs/<mode> through runExperiment
// (so sections share runs and an interrupted bench resumes).
import { existsSync } from 'node:fs';
import { planExperiment, runExperimentRecords, type ExperimentEvent } from '../../lib/experiments/runExperiment';
import { runJobFile } from '../../lib/experiments/runJob';
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { loadRuns, writeJsonAtomic } from '../../lib/experiments/runStore';
import { runInChild } from '../../lib/queue/childRunner';
import { configHash } from '../../lib/models/config/hash';
import { mergeConfig } from '../../lib/models/config/schema';
import { schemes } from '../../lib/models/schemes';
import { loadBenchDataset, selectDatasets, shrink, type BenchDataset, type BenchDatasetName } from './datasets';
import type { SectionContext } from './section';

/** Quick mode: a small, fast model and few epochs (figures show the harness works, not the model's accuracy). */
const QUICK_CONFIG = { encoder: { width: 64, depth: 2 }, epochs: 2 };
/** Quick mode: training/dev examples kept per dataset (HWU64 needs more for its 64 intents). */
const QUICK_LIMITS: Partial<Record<BenchDatasetName, { train: number; dev: number }>> = { hwu64: { train: 1500, dev: 300 } };
const QUICK_DEFAULT_LIMITS = { train: 500, dev: 200 };

/** The model config of our runs: the defaults (full) or QUICK_CONFIG, --config on top. The same for every dataset: the defaults' training regime (lib/models/config/regime.ts) adapts to small training sets. */
export function oursConfig(ctx: SectionContext): Record<string, unknown> {
  return deepMerge(ctx.args.quick ? QUICK_CONFIG : {}, ctx.args.config);
}

/** Seeds of our runs: 0, 1, 2 (quick: 0). */
export function oursSeeds(ctx: SectionContext): number[] {
  return ctx.args.quick ? [0] : [0, 1, 2];
}

/** A dataset for our runs (shrunk in quick mode), or why it is missing. */
export function oursData(ctx: SectionContext, name: BenchDatasetName): BenchDataset | { missing: string } {
  const d = loadBenchDataset(name);
  if ('missing' in d || !ctx.args.quick) return d;
  return shrink(d, QUICK_LIMITS[name] ?? QUICK_DEFAULT_LIMITS);
}

/**
 * Trains (or loads from bench/runs) every scheme × seed on a dataset; progress on stderr. `config`
 * (default: oursConfig) is the model config of every run (scheme and seed set per run).
 */
export async function runOurs(
  ctx: SectionContext,
  data: BenchDataset,
  schemeNames: string[],
  seeds = oursSeeds(ctx),
  onProgress?: (e: ExperimentEvent) => void,
  config: Record<string, unknown> = oursConfig(ctx),
): Promise<ExperimentRun[]> {
  // With --jobs N, child processes train the runs first (N at a time); the call below then loads them.
  // With --queue, the queue's workers train them instead.
  if (ctx.args.jobs > 1 && !ctx.args.queue) await trainInChildren(ctx, data.name, schemeNames, seeds, config);
  return runExperimentRecords({
    queue: ctx.args.queue ?? null,
    onProgress,
    data: { name: data.name, train: data.train, dev: data.dev, test: data.test },
    schemes: schemeNames,
    seeds,
    config,
    outDir: ctx.runsDir,
  });
}

/** One model run of the bench: which data, which scheme, which seed, and which config (default: oursConfig). */
export interface RunItem {
  dataset: BenchDatasetName;
  scheme: string;
  seed: number;
  config?: Record<string, unknown>;
}

/** The model config of a run item: its own, else oursConfig (scheme and seed are set by runExperiment). */
export function itemConfig(ctx: SectionContext, item: RunItem): Record<string, unknown> {
  return item.config ?? oursConfig(ctx);
}

/** The items once each: two items are the same run when dataset, scheme, seed and config hash agree. */
export function uniqueRuns(ctx: SectionContext, items: readonly RunItem[]): RunItem[] {
  const key = (x: RunItem): string => `${x.dataset}/${configHash({ ...itemConfig(ctx, x), scheme: x.scheme, seed: x.seed })}`;
  return [...new Map(items.map((x) => [key(x), x])).values()];
}

/** Trains each scheme × seed run of a dataset in child processes, `--jobs` at a time. */
function trainInChildren(ctx: SectionContext, dataset: BenchDatasetName, schemeNames: string[], seeds: number[], config: Record<string, unknown>): Promise<void> {
  return trainInPool(ctx, schemeNames.flatMap((scheme) => seeds.map((seed) => ({ dataset, scheme, seed, config }))));
}

/**
 * Trains runs in child processes (lib/queue's runInChild, as queue workers do), `--jobs` at a time,
 * in the given order, writing each record to the run folder; runs already there are skipped.
 * Fails with the first failed run.
 */
export async function trainInPool(ctx: SectionContext, items: RunItem[]): Promise<void> {
  const queue = [...items];
  const loaded = new Map<BenchDatasetName, BenchDataset>();
  const runOne = async (item: RunItem): Promise<void> => {
    const { dataset, scheme, seed } = item;
    if (!loaded.has(dataset)) {
      const d = oursData(ctx, dataset);
      if ('missing' in d) throw new Error(d.missing);
      loaded.set(dataset, d);
    }
    const d = loaded.get(dataset)!;
    const data = { name: d.name, train: d.train, dev: d.dev, test: d.test };
    const [planned] = planExperiment({ data, schemes: [scheme], seeds: [seed], config: itemConfig(ctx, item), outDir: ctx.runsDir });
    if (existsSync(planned.file)) return;
    const record = await runInChild(planned.job, planned.data);
    writeJsonAtomic(ctx.runsDir, runJobFile(planned.job), record);
  };
  const total = queue.length;
  const workers = Array.from({ length: Math.min(ctx.args.jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      ctx.log(`run ${total - queue.length}/${total}: ${next.dataset} ${next.scheme} seed ${next.seed}${next.config ? ` (config hash ${configHash({ ...next.config, scheme: next.scheme, seed: next.seed })})` : ''} (child process)`);
      await runOne(next);
    }
  });
  await Promise.all(workers);
}

/**
 * With --jobs N, every model run the selected sections will load, trained up front in one pool of N
 * child processes (no core idles at the end of a dataset): first the runs that do not depend on the
 * best scheme (`extra`, e.g. the ablation section's runs, then the SNIPS comparison), then the best
 * scheme's runs. The sections then find every run in the run folder. Datasets missing from the data
 * directory are left to the sections; a run listed twice (same data, scheme, seed, config hash) is trained once.
 */
export async function prefetchRuns(ctx: SectionContext, sections: readonly string[], extra: readonly RunItem[] = []): Promise<void> {
  const seeds = oursSeeds(ctx);
  const items = (datasets: readonly BenchDatasetName[], schemeNames: string[]): RunItem[] =>
    datasets.filter((name) => datasetPresent(ctx, name)).flatMap((dataset) => schemeNames.flatMap((scheme) => seeds.map((seed) => ({ dataset, scheme, seed }))));
  const accuracyData: BenchDatasetName[] = ['snips', 'atis', 'hwu64', 'askubuntu', 'webapps', 'chatbot'];
  const first = [
    ...extra,
    ...(sections.includes('speed') ? items(['snips'], registeredSchemes()) : []),
    ...(sections.includes('ours-intent') || sections.includes('accuracy') ? items(['snips', 'atis', 'hwu64', 'askubuntu', 'webapps', 'chatbot'], ['separate']) : []),
  ];
  if (first.length) await trainInPool(ctx, uniqueRuns(ctx, first));
  if (!sections.includes('accuracy')) return;
  const best = bestScheme(ctx).scheme;
  await trainInPool(ctx, uniqueRuns(ctx, [...items(['conll2003'], [best]), ...items(accuracyData, [best])]));
}

/** Whether --datasets selects the dataset and the data directory has it. */
export function datasetPresent(ctx: SectionContext, name: BenchDatasetName): boolean {
  return selectDatasets([name], ctx.args.datasets).length > 0 && !('missing' in loadBenchDataset(name));
}

/** Base names of every registered scheme (latest versions), sorted. */
export function registeredSchemes(): string[] {
  return [...new Set(schemes.list().map((e) => e.name))].sort();
}

/**
 * The scheme the accuracy section reports beside `separate`: --best, else the scheme with the highest
 * mean best dev score (mean of dev ents_f and cats_score, as early stopping uses) over the SNIPS
 * comparison runs in bench/runs made with the current config; 'shared' when there are none yet.
 */
export function bestScheme(ctx: SectionContext): { scheme: string; reason: string } {
  if (ctx.args.best) return { scheme: ctx.args.best, reason: 'chosen with --best' };
  const config = oursConfig(ctx);
  const runs = loadRuns(ctx.runsDir, { dataset: 'snips' }).filter((r) => r.configHash === configHash({ ...config, scheme: r.scheme, seed: r.seed }));
  const byScheme = new Map<string, number[]>();
  for (const r of runs) {
    const scores = r.history.map((h) => h.score).filter((s): s is number => typeof s === 'number');
    if (scores.length) byScheme.set(r.scheme, [...(byScheme.get(r.scheme) ?? []), Math.max(...scores)]);
  }
  if (byScheme.size < 2) return { scheme: 'shared', reason: 'default (no SNIPS scheme comparison in bench/runs yet: run the speed section first)' };
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [scheme, scores] = [...byScheme].sort((a, b) => mean(b[1]) - mean(a[1]) || a[0].localeCompare(b[0]))[0];
  return { scheme, reason: `highest mean best-epoch SNIPS dev score (${mean(scores).toFixed(4)}) of ${byScheme.size} schemes` };
}

/** Recursive merge of plain objects (arrays and scalars of `b` replace those of `a`): the config merge of lib/models. */
export const deepMerge = mergeConfig;
