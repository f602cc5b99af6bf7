import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { WorkbenchError, type ErrorLocation } from '../errors';
import { loadConll } from './conll';
import { readJsonlEntries } from './jsonl';
import { TaskMerger, type ProdigyLoadStats, type ProdigyTask, type ProdigyTaskKind } from './prodigy';
import { loadSlotIntent } from './slotIntent';
import type { Example } from './types';

/** Counts of readJsonlExamples: TaskMerger's, plus lines read and how many were joint examples. */
export type JsonlStats = ProdigyLoadStats & { lines: number; joint: number };

/** The formats `readExamples` recognises. */
export type ExamplesFormat = 'prodigy' | 'joint' | 'slot-intent' | 'conll';

/** What `readExamples` read: the examples, the format and, for JSONL, the loading counts. */
export interface ReadExamplesResult {
  examples: Example[];
  format: ExamplesFormat;
  /** JSONL inputs only: TaskMerger's counts (a joint line adds an NER task and a textcat answer per category), lines read and joint lines among them. */
  stats?: JsonlStats;
}

/** Options of `readExamples`. */
export interface ReadExamplesOptions {
  /** Split folder of a SNIPS/ATIS-style dataset folder (default 'train'). */
  split?: string;
}

/** Extensions read as CoNLL (one token per line, tag last). */
const CONLL_EXTENSIONS = new Set(['.conll', '.conllu', '.iob', '.iob2', '.bio', '.tsv']);

/**
 * Reads examples from a path, whatever its format: a folder holding `seq.in`/`seq.out`/`label`
 * (SNIPS/ATIS, or a dataset folder with train/valid/test splits: `opts.split`); a CoNLL file
 * (.conll, .iob, .bio, .tsv); or a JSONL file whose lines are Prodigy tasks of any kind (NER,
 * textcat binary or choice: one mixed file is split by task kind) or joint examples as the
 * workbench writes them (`{text, tokens?, spans?, cats}`, code-point offsets as in Prodigy).
 * Lines of one text are merged into one example (TaskMerger's rules). Errors name file, line, field.
 */
export async function readExamples(path: string, opts: ReadExamplesOptions = {}): Promise<ReadExamplesResult> {
  if (!existsSync(path)) throw new WorkbenchError('E801', 'no such file or folder', { file: path });
  if (statSync(path).isDirectory()) {
    return { examples: loadSlotIntent(path, { split: opts.split ?? 'train' }), format: 'slot-intent' };
  }
  const ext = extname(path).toLowerCase();
  if (CONLL_EXTENSIONS.has(ext)) return { examples: loadConll(path), format: 'conll' };
  if (ext !== '.jsonl' && ext !== '.json' && ext !== '.ndjson') {
    throw new WorkbenchError('E801', `unknown data format "${ext || '(no extension)'}": expected .jsonl (Prodigy or joint), a CoNLL file (${[...CONLL_EXTENSIONS].join(', ')}) or a SNIPS/ATIS folder`, { file: path });
  }
  const { examples, stats } = await readJsonlExamples([{ path, kind: 'auto' }]);
  return { examples, format: stats.joint > 0 && stats.joint === stats.lines ? 'joint' : 'prodigy', stats };
}

/**
 * Reads an NER set and a textcat set over the same texts (Prodigy JSONL exports) into joint
 * examples: every line of `ner` is read as an NER task, every line of `textcat` as a textcat task
 * (a task of the other kind is an E003/E101 error naming file and line: split a mixed file with
 * `readExamples`). Texts in one set only keep meta.hasNer / meta.hasCats false for the other task.
 */
export async function readNerTextcat(ner: string, textcat: string): Promise<ReadExamplesResult> {
  const { examples, stats } = await readJsonlExamples([
    { path: ner, kind: 'ner' },
    { path: textcat, kind: 'textcat' },
  ]);
  return { examples, format: 'prodigy', stats };
}

/** A JSONL file and how its lines are read. */
export interface JsonlSource {
  path: string;
  kind: ProdigyTaskKind | 'auto';
}

/**
 * Reads JSONL files into one TaskMerger: Prodigy tasks as `kind` says ('auto': by prodigyTaskKind)
 * and, under 'auto', joint lines (`cats` object, no `label`) as an NER task plus one textcat answer
 * per category.
 */
export async function readJsonlExamples(sources: readonly JsonlSource[]): Promise<{ examples: Example[]; stats: JsonlStats }> {
  const merger = new TaskMerger();
  let joint = 0;
  let lines = 0;
  for (const source of sources) {
    if (!existsSync(source.path)) throw new WorkbenchError('E801', 'no such file', { file: source.path });
    for await (const { value, line } of readJsonlEntries<ProdigyTask>(source.path)) {
      const where = { file: source.path, line };
      lines++;
      if (source.kind === 'auto' && isJointLine(value)) {
        joint++;
        addJointExample(merger, value, where);
      } else merger.add(value, source.kind, where);
    }
  }
  const examples = merger.examples();
  return { examples, stats: { ...merger.stats(), lines, joint } };
}

/** Whether a JSONL record is a joint example (a `cats` object and no textcat `label`), not a Prodigy task. */
export function isJointLine(value: unknown): value is ProdigyTask {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as ProdigyTask;
  return v.cats !== null && typeof v.cats === 'object' && !Array.isArray(v.cats) && typeof v.label !== 'string';
}

/**
 * Adds a joint line to the merger: its spans as an accepted NER task (when it has `spans`), and its
 * categories as textcat answers: from `options` + `accept` when present (the tasks `workbench
 * predict` writes, whose `cats` are scores), else from `cats`, whose values must be 0 or 1.
 */
export function addJointExample(merger: TaskMerger, value: ProdigyTask, where: ErrorLocation): void {
  const { cats, options, accept, label: _label, answer, ...rest } = value;
  if (answer !== undefined && answer !== 'accept') {
    throw new WorkbenchError('E802', `a joint example is gold annotation: answer must be "accept" or absent, got ${JSON.stringify(answer)}`, { ...where, field: 'answer' });
  }
  if (rest.spans !== undefined) merger.add({ ...rest, answer: 'accept' }, 'ner', where);
  if (Array.isArray(options) && Array.isArray(accept)) {
    merger.add({ text: rest.text, _input_hash: rest._input_hash, options, accept, answer: 'accept' }, 'textcat', where);
    return;
  }
  for (const [name, v] of Object.entries(cats as Record<string, unknown>)) {
    const on = v === 1 || v === true ? true : v === 0 || v === false ? false : undefined;
    if (on === undefined) {
      throw new WorkbenchError('E802', `category values must be 1 (yes) or 0 (no), got ${JSON.stringify(v)}; scores need "options" and "accept" to say which were chosen`, {
        ...where,
        field: `cats.${name}`,
      });
    }
    merger.add({ text: rest.text, _input_hash: rest._input_hash, label: name, answer: on ? 'accept' : 'reject' }, 'textcat', where);
  }
}

