import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { evaluateRun } from '../../eval';
import { loadPipeline } from '../../models';
import { confusionHeatmap, errorViewer, perTypeF1Bars, toHtml, type HtmlItem } from '../../plots';
import { tableHtml } from '../../experiments';
import type { CliCommand } from '../command';
import { addDataOptions, readDataArgs, type DataArgs } from '../inputs';
import { formatScores, headlineRows } from '../scores';

/** `workbench evaluate`: spaCy-style scores of a saved pipeline on gold data, as a table, JSON or an HTML page. */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  register(program: Command) {
    const command = program
      .command('evaluate')
      .summary('score a saved pipeline on gold data')
      .description(
        'Scores the pipeline saved in DIR on gold data with spaCy\'s keys: ents_p/r/f and per type, cats_* (cats_score, cats_acc, ' +
          'micro/macro P/R/F, AUC) and sentence_acc (every entity and the category right). --html FILE adds a page with per-type F1 bars, ' +
          'the category confusion heatmap and a viewer over the texts the pipeline got wrong.',
      )
      .argument('<dir>', 'a saved pipeline (workbench train --output DIR)');
    addDataOptions(command, 'test')
      .option('--json', 'print the scores as JSON')
      .option('--html <file>', 'also write an HTML report (bars, confusion heatmap, errors)')
      .action(async (dir: string, args: DataArgs & { json?: boolean; html?: string }, cmd: Command) => {
        const data = await readDataArgs(cmd, args, 'test');
        const pipeline = await loadPipeline(dir);
        try {
          const { scores, predictions } = evaluateRun(pipeline, data.examples);
          if (args.json) process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
          else process.stdout.write(`${data.source}: ${data.examples.length} texts\n${formatScores(scores)}`);
          if (args.html !== undefined) {
            const items: HtmlItem[] = [{ title: 'Scores', html: tableHtml(headlineRows(scores), { digits: 3 }) }];
            if (Object.keys(scores.ents_per_type).length) items.push({ title: 'Entity F1 per type', figure: perTypeF1Bars({ [dir]: scores }) });
            if (Object.keys(scores.cats_f_per_type).length) items.push({ title: 'Category F1', figure: perTypeF1Bars({ [dir]: scores }, { field: 'cats_f_per_type' }) });
            if (scores.cats_confusion) items.push({ title: 'Category confusion', figure: confusionHeatmap(scores.cats_confusion, { normalize: 'true' }) });
            items.push({ title: 'Texts with an error (gold left, predicted right)', html: errorViewer(data.examples, predictions, { labels: pipeline.labels.cats }).html });
            writeFileSync(args.html, toHtml(items, `workbench evaluate ${dir} on ${data.source}`));
            process.stderr.write(`report written to ${args.html}\n`);
          }
        } finally {
          pipeline.dispose();
        }
      });
  },
};
