import { WorkbenchError } from '../errors';
import type { WarningHandler } from '../warnings';
import { readJsonlEntries } from './jsonl';
import type { ProdigyTaskKind } from './prodigyTask';
import { TaskMerger, type ProdigyLoadStats } from './taskMerger';
import type { Example } from './types';

// The Prodigy reader is split by concern: prodigyTask.ts checks one task, taskGroup.ts merges the
// answers about one text, taskMerger.ts groups tasks by input and counts, offsets.ts converts offsets.
export { codePointLength, codePointToUtf16, utf16ToCodePoint } from './offsets';
export { prodigyTaskKind, type ProdigyTask, type ProdigyTaskKind } from './prodigyTask';
export { TaskMerger, type FirstLocations, type ProdigyLoadStats, type TaskMergerOptions } from './taskMerger';
export type { ConflictKind } from './taskGroup';
export { toProdigyTasks } from './prodigyWrite';

/** Options of loadProdigy: how to read every task, or 'auto' to decide per task (see prodigyTaskKind). */
export interface LoadProdigyOptions {
  task: ProdigyTaskKind | 'auto';
  /** Receives the load's warnings (spans dropped, conflicts; see TaskMerger). Default: process.emitWarning. */
  onWarning?: WarningHandler;
}

/**
 * Reads Prodigy tasks (a JSONL path, or tasks in memory) into Examples; see TaskMerger for how
 * answers become spans, negSpans and cats, and readProdigy for the counts.
 * Prodigy offsets count Unicode code points (Python strings); they are converted to UTF-16.
 * Tasks without `tokens` are tokenized with `tokenize`. Bad input throws one WorkbenchError naming
 * file and line (or, in memory, the example index) and the field: E001 invalid JSON, E002 missing
 * field, E003 textcat task without label (mixed set), E101 textcat task read as NER (mixed set),
 * E004 span out of range, E005 span off token boundaries, E006 overlapping spans, E104 task of unknown
 * kind (with {task: "auto"}), E013 a file that cannot be read.
 */
export async function loadProdigy(source: string | Iterable<object> | AsyncIterable<object>, opts: LoadProdigyOptions): Promise<Example[]> {
  return (await readProdigy(source, opts)).examples;
}

/** loadProdigy with the counts of tasks read, ignored, accepted and rejected, conflicts and spans dropped. */
export async function readProdigy(
  source: string | Iterable<object> | AsyncIterable<object>,
  opts: LoadProdigyOptions,
): Promise<{ examples: Example[]; stats: ProdigyLoadStats }> {
  if (opts?.task !== 'ner' && opts?.task !== 'textcat' && opts?.task !== 'auto') {
    throw new WorkbenchError('E007', `task must be 'ner', 'textcat' or 'auto', got ${JSON.stringify(opts?.task)}`, { field: 'task' });
  }
  const merger = new TaskMerger({ onWarning: opts.onWarning });
  if (typeof source === 'string') {
    for await (const { value, line } of readJsonlEntries<object>(source)) merger.add(value, opts.task, { file: source, line });
  } else {
    let index = 0;
    for await (const task of source as AsyncIterable<object>) merger.add(task, opts.task, { index: index++ });
  }
  const examples = merger.examples();
  return { examples, stats: merger.stats() };
}
