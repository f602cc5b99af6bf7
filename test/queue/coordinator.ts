// A coordinator process for the cancellation tests: runExperimentRecords on the shipped sample with
// a queue. Usage: node --import tsx test/queue/coordinator.ts '<json {url, prefix, outDir, schemes, seeds, epochs?}>'
import { runExperimentRecords } from '../../lib/experiments/runExperiment';
import { sampleData, TINY } from '../experiments/helpers';

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as { url: string; prefix: string; outDir: string; schemes: string[]; seeds: number[]; epochs?: number };
  const runs = await runExperimentRecords({ data: await sampleData(), schemes: o.schemes, seeds: o.seeds, config: { ...TINY, epochs: o.epochs ?? TINY.epochs }, outDir: o.outDir, queue: { url: o.url, prefix: o.prefix }, progress: 'lines' });
  process.stdout.write(`done ${runs.length}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
