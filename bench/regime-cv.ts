// Measures the training regimes on small training sets, never on a test split: k-fold cross-validation
// on a training set (the NLU Evaluation Corpora, the shipped joint sample), or seeded subsamples of a
// training set scored on its dev set (learning curves on HWU64 / SNIPS). One JSON line per run on stdout.
//   node --import tsx bench/regime-cv.ts --data askubuntu --folds 5 --variants standard,small
//   node --import tsx bench/regime-cv.ts --data hwu64 --sizes 250,1000 --variants standard,small
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadSampleJoint } from '../lib/data/sample';
import type { Example } from '../lib/data/types';
import { evaluate } from '../lib/eval/evaluate';
import { subsample } from '../lib/experiments/subsample';
import { mulberry32 } from '../lib/util/mulberry32';
import { mergeConfig } from '../lib/models/config/schema';
import { trainPipeline } from '../lib/models/training/train';
import { intentOf, loadBenchDataset, type BenchDatasetName } from './lib/datasets';

/** The configs compared (scheme and seed are added per run). */
const VARIANTS: Record<string, Record<string, unknown>> = {
  standard: { training: { regime: 'standard' } },
  small: { training: { regime: 'small' } },
  auto: {},
  // The standard settings with the small regime's step count only.
  'standard-500': { training: { regime: 'standard', minSteps: 500 } },
  // The small regime's optimiser settings with the standard (ensemble, cross-entropy) textcat.
  'small-ensemble': { training: { regime: 'small' }, heads: { textcat: { architecture: 'ensemble', ngrams: 0, charNgrams: 0, loss: 'crossentropy', L2: 0 } } },
};

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string', default: '0' },
    sizes: { type: 'string', default: '' },
    variants: { type: 'string', default: 'standard,small' },
    scheme: { type: 'string', default: 'separate' },
    seeds: { type: 'string', default: '0' },
    // Further settings merged over every variant (the runs are labelled with them).
    set: { type: 'string', default: '{}' },
    // Fold assignments: one 5-fold split per seed listed (repeated cross-validation).
    'fold-seeds': { type: 'string', default: '0' },
    // Drops every span: the textcat alone (no NER model to train).
    'textcat-only': { type: 'boolean', default: false },
  },
});

/** Stratified k folds (by intent; '' for texts without one), seeded. */
function folds(examples: Example[], k: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const order = examples.map((e, i) => ({ i, key: intentOf(e), r: rand() }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.r - b.r));
  const fold = new Array<number>(examples.length);
  order.forEach((o, j) => (fold[o.i] = j % k));
  return fold;
}

async function run(variant: string, train: Example[], dev: Example[], seed: number, extra: Record<string, unknown>): Promise<void> {
  const config = mergeConfig({ ...VARIANTS[variant], scheme: values.scheme, seed }, JSON.parse(values.set!) as Record<string, unknown>);
  const t0 = performance.now();
  const pipeline = await trainPipeline(config, train, [], { onWarning: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  const s = evaluate(pipeline, dev);
  const line = { data: values.data, variant, set: values.set, regime: pipeline.config.training.regime, scheme: values.scheme, seed, n_train: train.length, n_eval: dev.length, ...extra, ents_f: s.ents_f, cats_acc: s.cats_acc, seconds: Math.round(seconds) };
  pipeline.dispose?.();
  console.log(JSON.stringify(line));
}

async function main(): Promise<void> {
  const name = values.data!;
  let train: Example[];
  let dev: Example[] = [];
  if (name === 'sample') train = await loadSampleJoint();
  else {
    const d = loadBenchDataset(name as BenchDatasetName);
    if ('missing' in d) throw new Error(d.missing);
    train = d.train;
    dev = d.dev;
  }
  if (values['textcat-only']) {
    train = train.map((e) => ({ ...e, spans: [] }));
    dev = dev.map((e) => ({ ...e, spans: [] }));
  }
  const variants = values.variants!.split(',');
  const seeds = values.seeds!.split(',').map(Number);
  const k = Number(values.folds);
  for (const seed of seeds) {
    if (k > 1) {
      for (const foldSeed of values['fold-seeds']!.split(',').map(Number)) {
        const f = folds(train, k, foldSeed);
        for (let i = 0; i < k; i++) {
          const tr = train.filter((_, j) => f[j] !== i);
          const te = train.filter((_, j) => f[j] === i);
          for (const v of variants) await run(v, tr, te, seed, { foldSeed, fold: i });
        }
      }
    } else {
      for (const size of values.sizes!.split(',').map(Number)) {
        const tr = subsample(train, size, 0);
        for (const v of variants) await run(v, tr, dev, seed, { size });
      }
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
