import type { Command } from 'commander';
import { predictTasks } from '../../experiments';
import { loadPipeline } from '../../models';
import { getStream } from '../../streams';
import type { CliCommand } from '../command';
import { writeRecords } from '../output';

/** `workbench predict`: streams Prodigy tasks with the pipeline's predictions. */
export const predictCommand: CliCommand = {
  name: 'predict',
  register(program: Command) {
    program
      .command('predict')
      .summary('predict texts and write Prodigy tasks (JSONL)')
      .description(
        'Predicts every text of INPUT (.jsonl with a "text" per line, .json, a text file with one text per line, or - for stdin) with the pipeline saved in DIR ' +
          'and writes one Prodigy task per text: tokens, spans (code-point offsets, token_start/token_end), cats (scores), options and accept ' +
          '(a choice task), _input_hash and _task_hash. The output goes straight back into Prodigy (e.g. `prodigy db-in`). ' +
          'The input is streamed: memory holds one batch, whatever the file size.',
      )
      .argument('<dir>', 'a saved pipeline (workbench train --output DIR)')
      .argument('<input>', 'texts: .jsonl (Prodigy tasks or {"text": ...}), .json (an array), .txt (one per line) or - (stdin)')
      .option('--output <file>', 'write the tasks here (default: stdout)')
      .option('--batch-size <n>', 'texts predicted together (default 64)')
      .action(async (dir: string, input: string, opts: { output?: string; batchSize?: string }, cmd: Command) => {
        const batchSize = opts.batchSize === undefined ? 64 : Number(opts.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1) cmd.error(`error: option '--batch-size' must be a positive integer, got ${JSON.stringify(opts.batchSize)}`, { exitCode: 2 });
        const pipeline = await loadPipeline(dir);
        try {
          const n = await writeRecords(predictTasks(pipeline, getStream(input, { requireText: true }), { batchSize }), opts.output);
          if (opts.output !== undefined) process.stderr.write(`${n} tasks written to ${opts.output}\n`);
        } finally {
          pipeline.dispose();
        }
      });
  },
};
