// The benchmark datasets, loaded the same way for every system (ours and nlp.js).
import { join } from 'node:path';
import { datasetPath } from '../../lib/data/dataDir';
import { loadConll } from '../../lib/data/conll';
import { loadHwu64 } from '../../lib/data/hwu64';
import { loadNluEvaluation } from '../../lib/data/nluEvaluation';
import { loadSlotIntent } from '../../lib/data/slotIntent';
import { trainDevSplit } from '../../lib/data/split';
import type { Example } from '../../lib/data/types';
import type { ExperimentData } from '../../lib/experiments/runExperiment';
import { subsample } from '../../lib/experiments/subsample';

/** Every benchmark dataset. */
export const BENCH_DATASETS = ['snips', 'atis', 'hwu64', 'askubuntu', 'webapps', 'chatbot', 'conll2003'] as const;

/** Names of the benchmark datasets. */
export type BenchDatasetName = (typeof BENCH_DATASETS)[number];

/** The datasets of `names` that --datasets selects (all when it is absent); unknown names are an error. */
export function selectDatasets<T extends BenchDatasetName>(names: readonly T[], selected: readonly string[] | undefined): T[] {
  const known: readonly string[] = BENCH_DATASETS;
  const unknown = (selected ?? []).find((n) => !known.includes(n));
  if (unknown) throw new Error(`--datasets: unknown dataset "${unknown}" (known: ${known.join(', ')})`);
  return selected ? names.filter((n) => selected.includes(n)) : [...names];
}

/** Datasets with intents (the peer comparison runs on these). */
export const INTENT_DATASETS: readonly BenchDatasetName[] = ['snips', 'atis', 'hwu64', 'askubuntu', 'webapps', 'chatbot'];

/** A loaded dataset and how its splits were made. */
export interface BenchDataset extends ExperimentData {
  name: BenchDatasetName;
  /** One line on where train/dev/test come from. */
  protocol: string;
}

const NLU_EVAL_FILES: Record<string, string> = { askubuntu: 'AskUbuntuCorpus.json', webapps: 'WebApplicationsCorpus.json', chatbot: 'ChatbotCorpus.json' };

/** The intent of an example: its positive categories, sorted and '#'-joined (ATIS multi-intent lines stay one class). */
export function intentOf(e: Example): string {
  return Object.keys(e.cats)
    .filter((k) => e.cats[k] === 1)
    .sort()
    .join('#');
}

/** ATIS multi-intent lines as one exclusive joined class ('atis_airfare#atis_flight'), as in Goo et al. (2018). */
function joinIntents(e: Example): Example {
  return { ...e, cats: { [intentOf(e)]: 1 } };
}

/**
 * Loads one dataset, or returns why it cannot. SNIPS/ATIS: the Goo et al. (2018) train/valid/test
 * split (ATIS intents joined). HWU64: fold 1 train/test; dev = 10% of train, stratified by intent,
 * seed 0 (both systems train on the other 90%). NLU Evaluation Corpora: the official training flag;
 * no dev (too small). CoNLL-2003: train/valid/test.
 */
export function loadBenchDataset(name: BenchDatasetName): BenchDataset | { missing: string } {
  switch (name) {
    case 'snips':
    case 'atis': {
      const dir = datasetPath(name);
      if (!dir) return { missing: `${name} not in the data directory` };
      const prep = (egs: Example[]): Example[] => (name === 'atis' ? egs.map(joinIntents) : egs);
      return {
        name,
        train: prep(loadSlotIntent(dir, { split: 'train' })),
        dev: prep(loadSlotIntent(dir, { split: 'valid' })),
        test: prep(loadSlotIntent(dir, { split: 'test' })),
        protocol: `Goo et al. (2018) train/valid/test${name === 'atis' ? '; multi-intent lines are one joined class' : ''}`,
      };
    }
    case 'hwu64': {
      const dir = datasetPath('hwu64');
      if (!dir) return { missing: 'hwu64 not in the data directory' };
      const { train, dev } = trainDevSplit(loadHwu64(dir, { split: 'train' }), { dev: 0.1, seed: 0, stratifyBy: intentOf });
      return { name, train, dev, test: loadHwu64(dir, { split: 'test' }), protocol: 'fold 1 train (90%, 10% stratified dev, seed 0) / fold 1 test' };
    }
    case 'askubuntu':
    case 'webapps':
    case 'chatbot': {
      const dir = datasetPath('nlu_evaluation_corpora');
      if (!dir) return { missing: 'nlu_evaluation_corpora not in the data directory' };
      const c = loadNluEvaluation(join(dir, NLU_EVAL_FILES[name]));
      return { name, train: c.train, dev: [], test: c.test, protocol: `official training flag (${c.train.length}/${c.test.length}); no dev` };
    }
    case 'conll2003': {
      const dir = datasetPath('conll2003');
      if (!dir) return { missing: 'conll2003 not in the data directory' };
      return {
        name,
        train: loadConll(join(dir, 'train.txt')),
        dev: loadConll(join(dir, 'valid.txt')),
        test: loadConll(join(dir, 'test.txt')),
        protocol: 'CoNLL-2003 train/valid/test (English)',
      };
    }
  }
}

/** The dataset with train and dev cut to at most `train` / `dev` examples (seeded, nested), test kept whole. */
export function shrink(d: BenchDataset, limits: { train: number; dev: number }): BenchDataset {
  const cut = (egs: Example[], n: number): Example[] => (n === 0 ? [] : egs.length > n ? subsample(egs, n, 0) : egs);
  return { ...d, train: cut(d.train, limits.train), dev: cut(d.dev, limits.dev), protocol: `${d.protocol}; quick: train ≤ ${limits.train}, dev ≤ ${limits.dev}` };
}
