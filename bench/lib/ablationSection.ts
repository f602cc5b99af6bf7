// Section `ablation`: what the default model's parts bring. The `shared` scheme on SNIPS, ATIS and
// CoNLL-2003 with the default config, without pretrained vectors, without character features, and
// with hashed character n-grams added: dev and test scores and train seconds, each against the default.
import type { ExperimentRun, StoredEpoch } from '../../lib/experiments/runStore';
import { validateConfig } from '../../lib/models/config/config';
import { DEFAULT_ROWS, DEFAULT_WIDTHS } from '../../lib/models/encoder/features';
import { selectDatasets, type BenchDatasetName } from './datasets';
import { datasetPresent, deepMerge, oursConfig, oursData, runOurs, type RunItem } from './ours';
import type { Section, SectionContext } from './section';
import { summarize, type Summary } from './stats';
import type { MdTable } from './table';

/** Datasets of the ablation, in table order. */
export const ABLATION_DATASETS = ['snips', 'atis', 'conll2003'] as const satisfies readonly BenchDatasetName[];

/** The scheme of every ablation run (the default scheme, as the other sections' `shared` runs). */
export const ABLATION_SCHEME = 'shared';

/** One variant of the ablation: a name for the table, what it changes, and its config overrides over the section's base config. */
export interface AblationVariant {
  name: string;
  what: string;
  overrides(base: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Only the NORM attribute, with the NORM table of `base` (its rows and width, so nothing but the
 * character-derived attributes changes), and no character n-grams; the vectors stay as in `base`.
 */
function normOnly(base: Record<string, unknown>): Record<string, unknown> {
  const enc = validateConfig(base).encoder;
  const i = enc.attrs.indexOf('NORM');
  const rows = i >= 0 ? enc.rows[i] : DEFAULT_ROWS.NORM;
  const widths = enc.attrWidths.length === 0 ? [] : [i >= 0 ? enc.attrWidths[i] : DEFAULT_WIDTHS.NORM];
  return { encoder: { attrs: ['NORM'], rows: [rows], attrWidths: widths, charNgrams: 0 } };
}

/** The variants, in table order; `default` first (the others are compared with it). */
export const ABLATION_VARIANTS: readonly AblationVariant[] = [
  { name: 'default', what: "the bench's default config, exactly as the other sections' `shared` runs (same config hash: their runs are reused)", overrides: () => ({}) },
  { name: 'no vectors', what: '`encoder.vectors: null` (no pretrained vectors: the default before glove-6b-100d)', overrides: () => ({ encoder: { vectors: null } }) },
  {
    name: 'no character features',
    what: '`encoder.attrs: ["NORM"]` only (no PREFIX, SUFFIX, SHAPE, PREFIX3, SUFFIX4; NORM keeps its rows and width) and `encoder.charNgrams: 0`; the vectors stay',
    overrides: normOnly,
  },
  {
    name: '+ char n-grams',
    what: '`encoder.charNgrams: 5` (each token\'s hashed character 3-5-grams, averaged); off by default because the dev sets said so (SNIPS/ATIS/CoNLL-2003 dev, docs/measurements/models.md "Dev-set selection")',
    overrides: () => ({ encoder: { charNgrams: 5 } }),
  },
];

/** Seeds of the ablation runs: seed 0 only, in both modes (one full CoNLL-2003 training takes 12-16 min on this machine). */
export function ablationSeeds(): number[] {
  return [0];
}

/** The model config of one variant on one dataset: the other sections' config (oursConfig) with the variant's overrides on top. */
export function ablationConfig(ctx: SectionContext, dataset: BenchDatasetName, variant: AblationVariant): Record<string, unknown> {
  const base = oursConfig(ctx);
  return deepMerge(base, variant.overrides(base));
}

/** Every ablation run of the datasets present (--datasets, data directory), CoNLL-2003 first (the longest), for the --jobs pool. */
export function ablationRuns(ctx: SectionContext): RunItem[] {
  const order: BenchDatasetName[] = ['conll2003', 'snips', 'atis'];
  return selectDatasets(order, ctx.args.datasets)
    .filter((name) => datasetPresent(ctx, name))
    .flatMap((dataset) => ABLATION_VARIANTS.flatMap((v) => ablationSeeds().map((seed) => ({ dataset, scheme: ABLATION_SCHEME, seed, config: ablationConfig(ctx, dataset, v) }))));
}

/** Three scores of one split, over seeds. */
export interface SplitScores {
  entsF: Summary | null;
  intentAcc: Summary | null;
  sentenceAcc: Summary | null;
}

/** One row of the ablation: a dataset × variant, over seeds. */
export interface AblationRow {
  dataset: BenchDatasetName;
  variant: string;
  configHash: string;
  seeds: number[];
  nTrain: number;
  dev: SplitScores;
  test: SplitScores;
  trainSeconds: Summary | null;
}

/**
 * The epoch whose weights the run kept: the last best-dev epoch when `training.restoreBest` is on
 * (the default), else the last epoch; undefined without history.
 */
export function keptEpoch(run: ExperimentRun): StoredEpoch | undefined {
  const restoreBest = (run.config.training as { restoreBest?: boolean } | undefined)?.restoreBest !== false;
  const last = run.history[run.history.length - 1];
  if (!restoreBest) return last;
  return [...run.history].reverse().find((h) => h.isBest) ?? last;
}

/** The row of a variant's runs: test scores from the run records, dev scores of the kept epochs. */
export function ablationRow(dataset: BenchDatasetName, variant: string, nTrain: number, runs: readonly ExperimentRun[]): AblationRow {
  const dev = runs.map((r) => keptEpoch(r)?.dev ?? {});
  return {
    dataset,
    variant,
    configHash: runs[0]?.configHash ?? '',
    seeds: runs.map((r) => r.seed),
    nTrain,
    dev: { entsF: summarize(dev.map((d) => d.ents_f)), intentAcc: summarize(dev.map((d) => d.cats_acc)), sentenceAcc: summarize(dev.map((d) => d.sentence_acc)) },
    test: {
      entsF: summarize(runs.map((r) => r.scores.ents_f)),
      intentAcc: summarize(runs.map((r) => r.scores.cats_acc)),
      sentenceAcc: summarize(runs.map((r) => r.scores.sentence_acc)),
    },
    trainSeconds: summarize(runs.map((r) => r.timings.trainSeconds)),
  };
}

/** "94.47" (percent, default row) or "94.47 (+0.31)" (difference to the default's median, in points); null when there is no value. */
export function diffCell(value: Summary | null, base: Summary | null, { scale = 100, digits = 2, showDiff = true } = {}): string | null {
  if (!value) return null;
  const v = value.median * scale;
  if (!showDiff || !base) return v.toFixed(digits);
  const d = v - base.median * scale;
  const shown = Math.abs(d).toFixed(digits);
  // The sign of the difference as printed: −0.4 s with 0 digits is ±0, not −0.
  const sign = Number(shown) === 0 ? '±' : d > 0 ? '+' : '−';
  return `${v.toFixed(digits)} (${sign}${shown})`;
}

/** Columns of the ablation table. */
export const ABLATION_COLUMNS = [
  'dataset',
  'variant',
  'dev entity/slot F1',
  'dev intent acc',
  'dev sentence acc',
  'test entity/slot F1',
  'test intent acc',
  'test sentence acc',
  'train s',
];

/** The ablation table: a row per dataset × variant; every figure of a non-default variant with its difference to the default row of its dataset. */
export function ablationTable(rows: readonly AblationRow[], notes: string[]): MdTable {
  const out = rows.map((r) => {
    const base = rows.find((x) => x.dataset === r.dataset && x.variant === 'default');
    const showDiff = r.variant !== 'default';
    const pct = (pick: (x: AblationRow) => Summary | null): string | null => diffCell(pick(r), base ? pick(base) : null, { showDiff });
    return [
      r.dataset,
      r.variant,
      pct((x) => x.dev.entsF),
      pct((x) => x.dev.intentAcc),
      pct((x) => x.dev.sentenceAcc),
      pct((x) => x.test.entsF),
      pct((x) => x.test.intentAcc),
      pct((x) => x.test.sentenceAcc),
      diffCell(r.trainSeconds, base?.trainSeconds ?? null, { scale: 1, digits: 0, showDiff }),
    ];
  });
  return { title: 'Ablation: default vs no vectors vs no character features (shared scheme; dev and test)', columns: ABLATION_COLUMNS, rows: out, notes };
}

export const ablationSection: Section = {
  name: 'ablation',
  description: 'shared scheme on SNIPS, ATIS, CoNLL-2003: default vs no vectors vs no character features vs + char n-grams (dev and test, train s)',
  async run(ctx) {
    const seeds = ablationSeeds();
    const rows: AblationRow[] = [];
    const missing: string[] = [];
    for (const name of selectDatasets(ABLATION_DATASETS, ctx.args.datasets)) {
      const d = oursData(ctx, name);
      if ('missing' in d) {
        missing.push(d.missing);
        continue;
      }
      for (const v of ABLATION_VARIANTS) {
        ctx.log(`ablation: ${name} (${d.train.length} train), ${v.name}`);
        const runs = await runOurs(ctx, d, [ABLATION_SCHEME], seeds, undefined, ablationConfig(ctx, name, v));
        rows.push(ablationRow(name, v.name, d.train.length, runs));
      }
    }
    if (rows.length === 0) return { status: 'skipped', reason: missing.length ? missing.join('; ') : 'no ablation dataset selected by --datasets', tables: [] };
    const nTrain = [...new Map(rows.map((r) => [r.dataset, `${r.dataset} ${r.nTrain}`])).values()].join(', ');
    const notes = [
      `seed ${seeds.join(', ')} only, in ${ctx.args.quick ? 'quick' : 'full'} mode: one run per cell (a full-mode CoNLL-2003 training took 12-16 min in docs/measurements/models.md), so differences below the seed-to-seed spread of the other sections are noise.`,
      ...ABLATION_VARIANTS.map((v) => `${v.name}: ${v.what}.`),
      'figures in percent; in brackets the difference to the default row of the same dataset (points; train s: seconds).',
      "dev: the scores of the epoch whose weights were kept (best dev epoch, training.restoreBest), as the training loop measured them (before catConsistent 'auto' picks its penalty); test: the run's test scores.",
      'intent acc: SNIPS and ATIS only (ATIS multi-intent lines are one joined class); sentence acc: every entity (and the intent) of a text right; CoNLL-2003 has no intents.',
      `training texts: ${nTrain}${ctx.args.quick ? ' (quick mode: the quick config on subsets, as the other sections)' : ''}; train s is wall time including dev scoring after each epoch, and depends on what else ran on the cores.`,
      ...missing.map((m) => `skipped: ${m}`),
    ];
    return { status: 'ok', data: { scheme: ABLATION_SCHEME, seeds, variants: ABLATION_VARIANTS.map((v) => ({ name: v.name, what: v.what })), rows, missing }, tables: [ablationTable(rows, notes)] };
  },
};
