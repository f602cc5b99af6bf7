// A child process of `npm run bench -- --jobs N`: trains one scheme × seed run of a dataset into the
// run folder (runExperiment's cache); the parent then loads every run from there.
// Usage: node --import tsx bench/lib/runWorker.ts '<json WorkerJob>'
import { runExperimentRecords } from '../../lib/experiments/runExperiment';
import { parseArgs } from './args';
import type { BenchDatasetName } from './datasets';
import { oursData } from './ours';
import type { SectionContext } from './section';

/** What the parent sends: the dataset by name, its final model config, and the run. */
export interface WorkerJob {
  dataset: BenchDatasetName;
  quick: boolean;
  config: Record<string, unknown>;
  runsDir: string;
  scheme: string;
  seed: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  const ctx = { args: parseArgs(job.quick ? ['--quick'] : [], ''), runsDir: job.runsDir } as SectionContext;
  const d = oursData(ctx, job.dataset);
  if ('missing' in d) throw new Error(d.missing);
  await runExperimentRecords({
    data: { name: d.name, train: d.train, dev: d.dev, test: d.test },
    schemes: [job.scheme],
    seeds: [job.seed],
    config: job.config,
    outDir: job.runsDir,
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
