import type { WarningHandler } from '../warnings';
import { prodigyTaskKind } from './prodigyTask';
import { TaskMerger, type ProdigyLoadStats } from './taskMerger';
import type { Example } from './types';

/**
 * Splits a mixed set of Prodigy tasks by kind (see prodigyTaskKind): ner has spans or tokens and
 * no label/options; textcat has a label, or options with an accept list; other is the rest.
 * Order is kept within each part; ignored tasks are sorted like the others.
 */
export function splitByTask<T extends object>(tasks: Iterable<T>): { ner: T[]; textcat: T[]; other: T[] } {
  const parts = { ner: [] as T[], textcat: [] as T[], other: [] as T[] };
  for (const task of tasks) parts[prodigyTaskKind(task)].push(task);
  return parts;
}

/** Options of mergeDatasets. */
export interface MergeDatasetsOptions {
  /** Receives the merge's warnings (conflicts, spans dropped; see TaskMerger). Default: process.emitWarning. */
  onWarning?: WarningHandler;
}

/**
 * Joins an NER dataset and a textcat dataset over the same texts into Examples carrying both spans
 * and cats, grouped by input (`_input_hash`, computed when missing, and the text), in first-seen
 * order (NER tasks first). A text in only one set still appears, with meta.hasNer / meta.hasCats
 * saying which annotation is known (spans [] or cats {} otherwise). Binary accept → 1, reject → 0;
 * choice accept → chosen 1, other options 0. When annotations conflict, the later answer wins and
 * the conflict is counted and warned about (W016; the rules are TaskMerger's; the counts are in
 * mergeDatasetsWithStats). Error locations name the set ('<nerTasks>' / '<textcatTasks>') and the index.
 */
export function mergeDatasets(nerTasks: Iterable<object>, textcatTasks: Iterable<object>, opts: MergeDatasetsOptions = {}): Example[] {
  return mergeDatasetsWithStats(nerTasks, textcatTasks, opts).examples;
}

/** mergeDatasets with the merge's counts: tasks, conflicts (with a few described), spans dropped. */
export function mergeDatasetsWithStats(
  nerTasks: Iterable<object>,
  textcatTasks: Iterable<object>,
  opts: MergeDatasetsOptions = {},
): { examples: Example[]; stats: ProdigyLoadStats } {
  const merger = new TaskMerger(opts);
  let index = 0;
  for (const task of nerTasks) merger.add(task, 'ner', { file: '<nerTasks>', index: index++ });
  index = 0;
  for (const task of textcatTasks) merger.add(task, 'textcat', { file: '<textcatTasks>', index: index++ });
  const examples = merger.examples();
  return { examples, stats: merger.stats() };
}
