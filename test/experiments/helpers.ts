// Shared fixtures of the experiment tests: tiny configs and a split of the shipped sample.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleJoint } from '../../lib/data/sample';
import type { Example } from '../../lib/data/types';
import { trainPipeline } from '../../lib/models/training/train';
import type { ExperimentData, Trainer } from '../../lib/experiments/runExperiment';

/** A config small enough that one training takes well under a second. */
export const TINY = { encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 200, 200, 100], attrWidths: [] }, epochs: 1, batchSize: 8, training: { warmupSteps: 0 } };

let cached: Example[] | undefined;

/** The sample split into 40 train, 20 dev and 30 test examples. */
export async function sampleData(): Promise<ExperimentData> {
  cached ??= await loadSampleJoint();
  return { name: 'sample', train: cached.slice(0, 40), dev: cached.slice(40, 60), test: cached.slice(60, 90) };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'exp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** trainPipeline wrapped to count its calls (and optionally fail on the n-th call, 1-based). */
export function countingTrainer(failOn?: number): Trainer & { calls: number; configs: unknown[] } {
  const count = async (...[config, train, dev, opts]: Parameters<Trainer>): ReturnType<Trainer> => {
    trainer.calls++;
    trainer.configs.push(config);
    if (failOn !== undefined && trainer.calls === failOn) throw new Error('simulated crash');
    return trainPipeline(config, train, dev, opts);
  };
  const trainer = Object.assign(count, { calls: 0, configs: [] as unknown[] });
  return trainer;
}
