import type { Command } from 'commander';
import { extname } from 'node:path';
import { readExamples, type JsonlSource } from '../../data';
import { debugData, debugExamples, type DebugDataReport } from '../../experiments';
import type { CliCommand } from '../command';
import { formatTable } from '../table';

/** `workbench debug-data`: what spaCy's `debug data` tells, for an NER set and a textcat set over the same texts. */
export const debugDataCommand: CliCommand = {
  name: 'debug-data',
  register(program: Command) {
    program
      .command('debug-data')
      .summary('check Prodigy data before training: counts, problems, co-occurrence')
      .description(
        "Reads an NER set and a textcat set over the same texts (or one mixed file with --data) and reports what spaCy's `debug data` tells: " +
          'counts per entity label and per category, texts in one set only, mixed task kinds, misaligned / overlapping / out-of-range spans, ' +
          'conflicting answers, duplicates, categories without negatives, very short or long texts, entity × category co-occurrence. ' +
          'Exits 1 when training would fail on this data.',
      )
      .option('--ner <file>', 'Prodigy NER tasks (JSONL)')
      .option('--textcat <file>', 'Prodigy textcat tasks (JSONL)')
      .option('--data <path>', 'one JSONL file of any task kinds (a mixed set) or joint JSONL; also a CoNLL file or a SNIPS/ATIS folder (with --split)')
      .option('--split <name>', 'split read from a SNIPS/ATIS dataset folder (default train)')
      .option('--json', 'print the report as JSON')
      .action(async (opts: { ner?: string; textcat?: string; data?: string; split?: string; json?: boolean }, command: Command) => {
        if (opts.data !== undefined && !['.jsonl', '.json', '.ndjson'].includes(extname(opts.data).toLowerCase())) {
          // Not line-based Prodigy data: read it with its loader (which stops at the first error), then check the examples.
          if (opts.ner || opts.textcat) command.error('error: --data with a folder or CoNLL file cannot be combined with --ner/--textcat', { exitCode: 2 });
          const report = debugExamples((await readExamples(opts.data, { split: opts.split ?? 'train' })).examples);
          process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
          process.exitCode = report.wouldFail ? 1 : 0;
          return;
        }
        const sources: JsonlSource[] = [];
        if (opts.ner) sources.push({ path: opts.ner, kind: 'ner' });
        if (opts.textcat) sources.push({ path: opts.textcat, kind: 'textcat' });
        if (opts.data) sources.push({ path: opts.data, kind: 'auto' });
        if (sources.length === 0) command.error('error: no data: give --ner FILE and/or --textcat FILE, or --data FILE', { exitCode: 2 });
        const report = await debugData(sources);
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
        process.exitCode = report.wouldFail ? 1 : 0;
      });
  },
};

/** The report as text: sections like spaCy's `debug data`. */
export function formatReport(r: DebugDataReport): string {
  const out: string[] = [];
  const section = (title: string) => out.push(`\n=== ${title} ${'='.repeat(Math.max(3, 60 - title.length))}`);
  section('Files');
  out.push(formatTable(r.files.map((f) => ({ file: f.path, 'read as': f.readAs, lines: f.lines, ner: f.ner, textcat: f.textcat, joint: f.joint, other: f.other }))));
  out.push(`${r.load.tasks} tasks: ${r.load.accepted} accepted, ${r.load.rejected} rejected, ${r.load.ignored} ignored; ${r.duplicates} duplicates`);
  out.push(`${r.texts.total} texts: ${r.texts.both} in both sets, ${r.texts.nerOnly} NER only, ${r.texts.catsOnly} textcat only`);
  out.push(`tokens per text: min ${r.tokens.min}, mean ${r.tokens.mean.toFixed(1)}, max ${r.tokens.max}`);
  section('Entity labels');
  out.push(formatTable(r.entities.map((e) => ({ label: e.label, spans: e.spans, texts: e.texts, rejected: e.rejected }))));
  section(`Categories (${r.exclusive ? 'exclusive: one per text' : 'multilabel or binary'})`);
  out.push(formatTable(r.cats.map((c) => ({ category: c.label, positive: c.positive, negative: c.negative, unknown: c.unknown }))));
  if (r.cooccurrence.entities.length && r.cooccurrence.cats.length) {
    section('Entity × category (texts in both sets)');
    out.push(formatTable(r.cooccurrence.entities.map((e, i) => ({ entity: e, ...Object.fromEntries(r.cooccurrence.cats.map((c, j) => [c, r.cooccurrence.counts[i][j]])) }))));
  }
  section('Problems');
  if (r.problems.length === 0) out.push('none found');
  for (const p of r.problems) {
    const where = p.where ? ` (${[p.where.file && (p.where.line ? `${p.where.file}:${p.where.line}` : p.where.file), p.where.index !== undefined ? `example ${p.where.index}` : '', p.where.field ? `field "${p.where.field}"` : ''].filter(Boolean).join(', ')})` : '';
    out.push(`${p.level === 'error' ? '✘' : '⚠'} ${p.code ? `[${p.code}] ` : ''}${p.message}${where}${p.count > 1 && !p.message.includes(String(p.count)) ? ` ×${p.count}` : ''}`);
  }
  out.push(r.wouldFail ? '\n✘ training would fail on this data (fix the errors above)' : '\n✔ training can start on this data');
  return out.join('\n') + '\n';
}
