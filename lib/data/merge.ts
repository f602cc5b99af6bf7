import { prodigyTaskKind, TaskMerger } from './prodigy';
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

/**
 * Joins an NER dataset and a textcat dataset over the same texts into Examples carrying both spans
 * and cats, grouped by input hash (`_input_hash`, computed when missing), in first-seen order
 * (NER tasks first). A text in only one set still appears, with meta.hasNer / meta.hasCats saying
 * which annotation is known (spans [] or cats {} otherwise). Binary accept → 1, reject → 0; choice
 * accept → chosen 1, other options 0. When annotations conflict, the later answer wins (the rules
 * are TaskMerger's). Error locations name the set ('<nerTasks>' / '<textcatTasks>') and the index.
 */
export function mergeDatasets(nerTasks: Iterable<object>, textcatTasks: Iterable<object>): Example[] {
  const merger = new TaskMerger();
  let index = 0;
  for (const task of nerTasks) merger.add(task, 'ner', { file: '<nerTasks>', index: index++ });
  index = 0;
  for (const task of textcatTasks) merger.add(task, 'textcat', { file: '<textcatTasks>', index: index++ });
  return merger.examples();
}
