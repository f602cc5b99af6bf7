import type { Command } from 'commander';
import { suggestTasks, type SuggestStrategy } from '../../experiments';
import { loadPipeline } from '../../models';
import { getStream, PhraseMatcher, readPatterns } from '../../streams';
import type { CliCommand } from '../command';
import { writeRecords } from '../output';

/** `workbench suggest`: the joint model in the annotation loop (pattern matches, then the most uncertain texts). */
export const suggestCommand: CliCommand = {
  name: 'suggest',
  register(program: Command) {
    program
      .command('suggest')
      .summary('order texts for annotation: pattern matches, then the most uncertain')
      .description(
        'The joint model in the annotation loop. Reads texts from INPUT and writes Prodigy tasks with the predictions to correct: ' +
          'first the texts matching a --patterns phrase, then the stream filtered by the model\'s uncertainty with Prodigy\'s ' +
          'prefer_uncertain semantics (a text is kept when it is more uncertain than the recent ones). --strategy picks the uncertainty: ' +
          'entities (ner), categories (cat) or their mean (joint). Each task carries meta.score and meta.reason (why it was chosen).',
      )
      .argument('<dir>', 'a saved pipeline (workbench train --output DIR)')
      .argument('<input>', 'texts: .jsonl, .json, .txt (one per line) or - (stdin)')
      .option('--strategy <name>', 'joint, ner or cat', 'joint')
      .option('--patterns <file>', 'Prodigy/spaCy patterns JSONL ({"label": ..., "pattern": ...}): matching texts come first')
      .option('--output <file>', 'write the tasks here (default: stdout)')
      .action(async (dir: string, input: string, opts: { strategy: string; patterns?: string; output?: string }, cmd: Command) => {
        if (!['joint', 'ner', 'cat'].includes(opts.strategy)) cmd.error(`error: option '--strategy' must be joint, ner or cat, got ${JSON.stringify(opts.strategy)}`, { exitCode: 2 });
        const patterns = opts.patterns === undefined ? undefined : new PhraseMatcher(await readPatterns(opts.patterns), { attr: 'LOWER' });
        const pipeline = await loadPipeline(dir);
        try {
          const tasks = suggestTasks(pipeline, getStream(input, { requireText: true, dedup: 'input' }), { strategy: opts.strategy as SuggestStrategy, patterns });
          const n = await writeRecords(tasks, opts.output);
          if (opts.output !== undefined) process.stderr.write(`${n} tasks written to ${opts.output}\n`);
        } finally {
          pipeline.dispose();
        }
      });
  },
};
