import { check } from '../errors';
import { toAsyncIterator, type StreamSource } from './iter';

// The shared buffer is a singly linked list of cells. Each branch holds a reference to the next cell it
// will read; cells behind the slowest branch are unreachable and garbage-collected, so memory follows the
// lag between branches, never the length of the stream. The last cell is an empty placeholder that the
// next pull from the source fills.
interface Cell<T> {
  state: 'empty' | 'item' | 'done' | 'error';
  value?: T;
  error?: unknown;
  next?: Cell<T>;
}

/** The branches of `tee`, plus how many items are buffered for lagging branches (for tests and monitoring). */
export interface TeeBranches<T> extends Array<AsyncIterableIterator<T>> {
  /** Items read from the source that some active branch has not consumed yet. */
  readonly bufferedCount: number;
  /** Items read from the source so far. */
  readonly readCount: number;
}

/**
 * Splits one stream into `n` branches that each yield every item, in order. The source is read once,
 * even when branches are consumed concurrently; items are buffered only while some branch lags (a branch
 * that returned early stops holding items back). An error in the source reaches every branch at the same
 * position, after the items before it. Branches may also be consumed one after another.
 */
export function tee<T>(source: StreamSource<T>, n = 2): TeeBranches<T> {
  check(Number.isInteger(n) && n >= 1, 'E007', () => `tee: n must be an integer >= 1, got ${n}`);
  const it = toAsyncIterator(source);
  let tail: Cell<T> = { state: 'empty' };
  let pulling: Promise<void> | undefined;
  let readCount = 0;
  const positions: number[] = new Array(n).fill(0);
  const active: boolean[] = new Array(n).fill(true);
  let sourceFinished = false;

  // One pull at a time: concurrent branches that need the next item wait for the same pull.
  function pull(): Promise<void> {
    if (pulling) return pulling;
    pulling = (async () => {
      const cell = tail;
      try {
        const r = await it.next();
        if (r.done) {
          cell.state = 'done';
          sourceFinished = true;
        } else {
          cell.value = r.value;
          cell.state = 'item';
          cell.next = tail = { state: 'empty' };
          readCount++;
        }
      } catch (err) {
        cell.state = 'error';
        cell.error = err;
        sourceFinished = true;
      } finally {
        pulling = undefined;
      }
    })();
    return pulling;
  }

  function release(i: number): void {
    if (!active[i]) return;
    active[i] = false;
    // When every branch has stopped before the end, close the source (file handles, generators).
    if (!sourceFinished && active.every((a) => !a) && it.return) {
      sourceFinished = true;
      void Promise.resolve(it.return()).catch(() => undefined);
    }
  }

  function branch(i: number): AsyncIterableIterator<T> {
    let cursor: Cell<T> | undefined = tail;
    const self: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        if (!cursor) return { done: true, value: undefined };
        while (cursor.state === 'empty') await pull();
        const cell: Cell<T> = cursor;
        if (cell.state === 'item') {
          cursor = cell.next;
          positions[i]++;
          return { done: false, value: cell.value as T };
        }
        cursor = undefined;
        release(i);
        if (cell.state === 'error') throw cell.error;
        return { done: true, value: undefined };
      },
      async return(): Promise<IteratorResult<T>> {
        cursor = undefined;
        release(i);
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return self;
      },
    };
    return self;
  }

  const branches = Array.from({ length: n }, (_, i) => branch(i)) as TeeBranches<T>;
  Object.defineProperty(branches, 'bufferedCount', {
    get: () => {
      let min = Infinity;
      for (let i = 0; i < n; i++) if (active[i]) min = Math.min(min, positions[i]);
      return min === Infinity ? 0 : readCount - min;
    },
  });
  Object.defineProperty(branches, 'readCount', { get: () => readCount });
  return branches;
}
