import { check } from '../errors';
import { contentHashes } from '../data/hashes';
import { toAsyncIterator, type StreamSource } from './iter';

/** Options of `dedup`. */
export interface DedupOptions {
  /** Which hash identifies a duplicate: the input (same text) or the task (same text and question). Default 'task'. */
  by?: 'input' | 'task';
}

/**
 * Drops repeated tasks, keeping the first occurrence (Prodigy's `filter_duplicates`). Two tasks are
 * repeats when their `_input_hash` / `_task_hash` (used when present, else computed as `setHashes`
 * does) AND a second, independent hash of their content are equal (`contentHashes`): 32-bit hashes
 * collide about once per 10^5 texts, and two different texts are never one. Items are yielded
 * unchanged. Memory is one Map entry (two 32-bit numbers) per distinct task.
 */
export async function* dedup<T extends object>(stream: StreamSource<T>, opts: DedupOptions = {}): AsyncIterableIterator<T> {
  const by = opts.by ?? 'task';
  check(by === 'input' || by === 'task', 'E007', () => `dedup: option "by" must be 'input' or 'task', got ${JSON.stringify(by)}`);
  // Prodigy hash → content hash(es) seen under it (an array only after a 32-bit collision).
  const seen = new Map<number, number | number[]>();
  const it = toAsyncIterator(stream);
  let index = 0;
  try {
    for (let r = await it.next(); !r.done; r = await it.next(), index++) {
      const task = r.value;
      check(task !== null && typeof task === 'object', 'E002', () => `dedup: expected an object, got ${task === null ? 'null' : typeof task}`, { index });
      const { hash, content } = contentHashes(task, by);
      const prev = seen.get(hash);
      if (prev === undefined) seen.set(hash, content);
      else if (prev === content || (Array.isArray(prev) && prev.includes(content))) continue;
      else seen.set(hash, Array.isArray(prev) ? [...prev, content] : [prev, content]);
      yield task;
    }
  } finally {
    // Close the source when the consumer stops early.
    await it.return?.();
  }
}
