import { check } from '../errors';
import { contentKey, inputHash, setHashes } from '../data/hashes';
import { toAsyncIterator, type StreamSource } from './iter';

/** Options of `dedup`. */
export interface DedupOptions {
  /** Which hash identifies a duplicate: the input (same text) or the task (same text and question). Default 'task'. */
  by?: 'input' | 'task';
}

/**
 * Drops repeated tasks, keeping the first occurrence (Prodigy's `filter_duplicates`). Two tasks are
 * repeats when their `_input_hash` / `_task_hash` (used when present, else computed as `setHashes`
 * does) AND their content (a 64-bit `contentKey`) are equal: 32-bit hashes collide about once in
 * 10^5 texts, and two different texts are never one. Items are yielded unchanged. Memory is one Set
 * of short keys (about 30 characters per distinct task).
 */
export async function* dedup<T extends object>(stream: StreamSource<T>, opts: DedupOptions = {}): AsyncIterableIterator<T> {
  const by = opts.by ?? 'task';
  check(by === 'input' || by === 'task', 'E007', () => `dedup: option "by" must be 'input' or 'task', got ${JSON.stringify(by)}`);
  const seen = new Set<string>();
  const it = toAsyncIterator(stream);
  let index = 0;
  try {
    for (let r = await it.next(); !r.done; r = await it.next(), index++) {
      const task = r.value;
      check(task !== null && typeof task === 'object', 'E002', () => `dedup: expected an object, got ${task === null ? 'null' : typeof task}`, { index });
      const h = by === 'input' ? hashOf(task, '_input_hash') ?? inputHash(task) : hashOf(task, '_task_hash') ?? setHashes(task)._task_hash;
      const key = `${h}:${contentKey(task, by)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      yield task;
    }
  } finally {
    // Close the source when the consumer stops early.
    await it.return?.();
  }
}

function hashOf(task: object, key: '_input_hash' | '_task_hash'): number | undefined {
  const v = (task as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : undefined;
}
