import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readExamples, trainDevSplit, type Example } from '../../data';
import { escapeHtml } from '../../plots';
import { learningCurveSizes, runExperimentRecords, schemeComparisonReport, schemeReportHtml, type ExperimentData, type ExperimentEvent } from '../../experiments';
import { schemes as schemeRegistry, validateConfig } from '../../models';
import type { CliCommand } from '../command';
import { readConfigArgs } from '../config';
import { addDataOptions, numberOption, readDataArgs, type DataArgs } from '../inputs';
import { positiveInt } from '../queueOption';

interface CompareArgs extends DataArgs {
  schemes: string;
  seeds: string;
  config?: string;
  output?: string;
  runs?: string;
  devSplit: string;
  testSplit: string;
  curves: boolean;
  queue?: string;
  queuePrefix?: string;
  jobs?: number;
}

/** `workbench compare`: notebook 03's scheme comparison on the user's data, as one HTML page. */
export const compareCommand: CliCommand = {
  name: 'compare',
  register(program: Command) {
    const command = program
      .command('compare')
      .summary('compare the joint schemes on your data (one HTML report)')
      .description(
        'Trains every scheme × seed on your data and writes the comparison of notebook 03 as one standalone HTML page: mean ± 95% CI per ' +
          'scheme, paired bootstrap against `separate`, per-type F1, category confusion, learning and training curves, and a conclusion ' +
          'generated from the numbers. Each run is saved in --runs (default: next to the report), so running the command again ' +
          'resumes where it stopped. Prodigy data is split into train / dev / test (texts with both annotations are held out); a ' +
          'SNIPS/ATIS folder uses its own train, valid and test splits.',
      );
    addDataOptions(command, 'train')
      .option('--schemes <list>', "'all' or a comma-separated list (separate is always included as the baseline)", 'all')
      .option('--seeds <n>', 'seeds per scheme', '3')
      .option('--config <file>', 'config JSON shared by every run (as in `workbench train`); a partial config is completed with the defaults')
      .option('--dev-split <fraction>', 'share of the held-out texts used as dev (early stopping)', '0.2')
      .option('--test-split <fraction>', 'share of the texts with both annotations held out as test', '0.25')
      .option('--no-curves', 'train on the full training set only (no learning curves: a third of the runs)')
      .option('--runs <dir>', 'folder of the cached run files (default: <output name>-runs next to the report)')
      .option('--jobs <n>', 'runs trained at once, each in a child process (one core each); default 1', positiveInt)
      .option('--queue <url>', 'train the runs on `workbench worker` processes through this Redis queue, redis://[user:password@]host:port[/db] (default: env WORKBENCH_QUEUE; without either, the runs train here)')
      .option('--queue-prefix <p>', "the queue's Redis key prefix (as the workers' --prefix)")
      .requiredOption('--output <file>', 'the HTML report')
      .action(async (args: CompareArgs, cmd: Command) => {
        const nSeeds = numberOption(cmd, 'seeds', args.seeds, (n) => Number.isInteger(n) && n >= 1, 'a positive integer')!;
        const devSplit = numberOption(cmd, 'dev-split', args.devSplit, (n) => n > 0 && n < 1, 'a fraction between 0 and 1')!;
        const testSplit = numberOption(cmd, 'test-split', args.testSplit, (n) => n > 0 && n < 1, 'a fraction between 0 and 1')!;
        const registered = [...new Set(schemeRegistry.list().map((e) => e.name))];
        const asked = args.schemes === 'all' ? registered : args.schemes.split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = asked.filter((s) => !registered.includes(s));
        if (unknown.length || asked.length === 0) cmd.error(`error: unknown scheme ${unknown.map((s) => JSON.stringify(s)).join(', ') || '(none given)'}; registered: ${registered.join(', ')}`, { exitCode: 2 });
        const schemeNames = ['separate', ...asked.filter((s) => s !== 'separate')];
        const config = readConfigArgs({ config: args.config });
        validateConfig(config); // fails before any data is read or run trained
        const data = await splitData(cmd, args, devSplit, testSplit);
        const seeds = Array.from({ length: nSeeds }, (_, i) => i);
        const output = resolve(args.output!);
        const runsDir = args.runs ?? join(dirname(output), `${basename(output, extname(output))}-runs`);
        process.stderr.write(`${data.name}: ${data.train.length} train, ${data.dev.length} dev, ${data.test.length} test texts; ${schemeNames.length} schemes × ${seeds.length} seeds; runs in ${runsDir}\n`);
        const trainSizes = args.curves ? learningCurveSizes(data.train.length, [500, 2000]) : ['all' as const];
        // Without --queue, runExperiment still uses WORKBENCH_QUEUE when it is set.
        const queue = args.queue !== undefined ? { queue: { url: args.queue, ...(args.queuePrefix !== undefined ? { prefix: args.queuePrefix } : {}) } } : {};
        // Off a terminal the reporter writes a line per run; a line per epoch is added here (on a terminal the bar shows the epoch).
        const onProgress = process.stderr.isTTY ? undefined : epochLines;
        const runs = await runExperimentRecords({ data, schemes: schemeNames, seeds, trainSizes, config, outDir: runsDir, jobs: args.jobs ?? 1, ...queue, ...(onProgress ? { onProgress } : {}) });
        const report = schemeComparisonReport({ datasets: [data], runs, schemes: schemeNames, seeds });
        const intro = `<h1>Joint schemes compared on ${escapeHtml(data.name)}</h1><p>${data.train.length} training, ${data.dev.length} dev and ${data.test.length} test texts; ${seeds.length} seeds per scheme; config ${escapeHtml(JSON.stringify(config))}. Written by <code>workbench compare</code> on ${new Date().toISOString().slice(0, 10)}.</p>`;
        writeFileSync(output, schemeReportHtml(report, `workbench compare: ${data.name}`, intro));
        for (const v of report.verdicts) {
          if (v.diff === null) continue;
          process.stdout.write(`${v.system.padEnd(14)} ${v.metric.padEnd(13)} ${(100 * v.diff).toFixed(2).padStart(7)} points vs separate (95% CI ${(100 * (v.low ?? NaN)).toFixed(2)} to ${(100 * (v.high ?? NaN)).toFixed(2)}, p ${v.p === null ? '-' : v.p.toFixed(3)}): ${v.outcome}\n`);
        }
        process.stdout.write(`report written to ${output}\n`);
      });
  },
};

/** One stderr line per training epoch of a sweep run: which run, the epoch and its dev score. */
function epochLines(e: ExperimentEvent): void {
  if (e.type !== 'train' || e.progress.type !== 'epoch') return;
  const p = e.progress;
  const size = e.run.trainSize === undefined || e.run.trainSize === 'all' ? '' : ` n=${e.run.trainSize}`;
  process.stderr.write(`  ${e.run.dataset} ${e.run.scheme} seed=${e.run.seed}${size} · epoch ${p.epoch}/${p.epochs}${typeof p.score === 'number' ? ` dev ${p.score.toFixed(3)}` : ''}\n`);
}

/** The train / dev / test splits of the compared data. */
async function splitData(cmd: Command, args: CompareArgs, devSplit: number, testSplit: number): Promise<ExperimentData> {
  const data = await readDataArgs(cmd, args, 'train');
  const name = args.data !== undefined ? basename(args.data).replace(/\.[^.]+$/, '') : basename(dirname(resolve(args.ner!)));
  if (data.format === 'slot-intent' && args.split === undefined) {
    const [dev, test] = await Promise.all(['valid', 'test'].map(async (split) => (await readExamples(args.data!, { split })).examples));
    return { name, train: data.examples, dev, test };
  }
  // Test and dev texts need both annotations (a text missing one cannot be scored on it); the rest still trains.
  const complete: Example[] = [];
  const partial: Example[] = [];
  for (const e of data.examples) (e.meta?.hasNer === false || e.meta?.hasCats === false ? partial : complete).push(e);
  const { train: rest, dev: test } = trainDevSplit(complete, { dev: testSplit, seed: 0 });
  const { train, dev } = trainDevSplit(rest, { dev: devSplit, seed: 0 });
  return { name, train: [...train, ...partial], dev, test };
}
