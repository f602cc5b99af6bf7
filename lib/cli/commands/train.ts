import type { Command } from 'commander';
import { resolve } from 'node:path';
import { readExamples, trainDevSplit, type Example } from '../../data';
import { evaluate } from '../../eval';
import { configForTraining, epochsFor, trainPipeline, validateConfig } from '../../models';
import type { CliCommand } from '../command';
import { readConfigArgs } from '../config';
import { addDataOptions, numberOption, readDataArgs, schemeOption, type DataArgs } from '../inputs';
import { formatScores } from '../scores';
import { trainDisplay } from '../trainProgress';

interface TrainArgs extends DataArgs {
  dev?: string;
  devSplit?: string;
  config?: string;
  scheme?: string;
  seed?: string;
  output?: string;
}

/** `workbench train`: trains a joint pipeline on the user's data and saves it. */
export const trainCommand: CliCommand = {
  name: 'train',
  register(program: Command) {
    const command = program
      .command('train')
      .summary('train a joint NER + textcat pipeline and save it')
      .description(
        'Trains one pipeline for both tasks on your data, prints the dev scores after each epoch and a final table, and saves the ' +
          'pipeline to --output (load it with `workbench evaluate/predict/suggest DIR` or loadPipeline(DIR)). Early stopping and the ' +
          'kept weights use the dev set: --dev FILE, or --dev-split of the data (default 0.2; a SNIPS/ATIS folder uses its valid split).',
      );
    addDataOptions(command, 'train')
      .option('--dev <path>', 'dev data (same formats as --data)')
      .option('--dev-split <fraction>', 'share of the data held out as dev when there is no --dev (default 0.2)')
      .option('--config <file>', 'config JSON (`workbench init-config`); a partial config is completed with the defaults')
      .option('--scheme <name>', 'how the two tasks are coupled (overrides the config; default shared)')
      .option('--seed <n>', 'random seed (overrides the config)')
      .requiredOption('--output <dir>', 'folder to save the pipeline to (replaced only if empty or an earlier saved pipeline)')
      .action(async (args: TrainArgs, cmd: Command) => {
        const seed = numberOption(cmd, 'seed', args.seed, Number.isInteger, 'an integer');
        const devSplit = numberOption(cmd, 'dev-split', args.devSplit, (n) => n > 0 && n < 1, 'a fraction between 0 and 1');
        if (args.dev !== undefined && devSplit !== undefined) cmd.error('error: give --dev or --dev-split, not both', { exitCode: 2 });
        const config = readConfigArgs({ config: args.config, scheme: schemeOption(cmd, args.scheme), seed });
        const cfg = validateConfig(config); // a bad config fails before the data is read
        const data = await readDataArgs(cmd, args, 'train');
        const { train, dev, devSource } = await devData(data.examples, args, devSplit, cfg.seed);
        process.stdout.write(`data: ${data.source} (${data.format}): ${train.length} train texts, ${dev.length} dev texts (${devSource})\n`);
        process.stdout.write(`scheme ${cfg.scheme}, seed ${cfg.seed}\n`);
        // The bar's length: the epochs of the config training will use (its regime applied).
        const planned = configForTraining(config, train);
        const pipeline = await trainPipeline(config, train, dev, { onProgress: trainDisplay({ epochs: epochsFor(planned.epochs, planned.training.minSteps, train.length, planned.batchSize) }) });
        try {
          if (dev.length) process.stdout.write(`\nDev scores (${dev.length} texts, kept weights)\n${formatScores(evaluate(pipeline, dev))}`);
          await pipeline.save(args.output!);
          process.stdout.write(`\nsaved to ${resolve(args.output!)}\n`);
        } finally {
          pipeline.dispose();
        }
      });
  },
};

async function devData(examples: Example[], args: TrainArgs, devSplit: number | undefined, seed: number): Promise<{ train: Example[]; dev: Example[]; devSource: string }> {
  if (args.dev !== undefined) return { train: examples, dev: (await readExamples(args.dev, { split: 'valid' })).examples, devSource: args.dev };
  if (devSplit === undefined && args.data !== undefined && args.split === undefined) {
    // A SNIPS/ATIS dataset folder brings its own dev split.
    const own = await readExamples(args.data, { split: 'valid' }).catch(() => undefined);
    if (own && own.format === 'slot-intent' && own.examples.length && !sameTexts(own.examples, examples)) return { train: examples, dev: own.examples, devSource: `${args.data} valid split` };
  }
  const share = devSplit ?? 0.2;
  const { train, dev } = trainDevSplit(examples, { dev: share, seed });
  return { train, dev, devSource: `${Math.round(share * 100)}% of the data, seed ${seed}` };
}

function sameTexts(a: Example[], b: Example[]): boolean {
  return a.length === b.length && a.every((e, i) => e.text === b[i].text);
}
