// Small helpers shared by the stream functions: every stream function accepts sync or async iterables.

/** Any stream source: a sync or async iterable. */
export type StreamSource<T> = Iterable<T> | AsyncIterable<T>;

/** True when `x` is an async iterable. */
export function isAsyncIterable<T>(x: unknown): x is AsyncIterable<T> {
  return x !== null && typeof x === 'object' && typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/** An async iterator over a sync or async iterable (sync values are not awaited, so promises pass through as values). */
export function toAsyncIterator<T>(source: StreamSource<T>): AsyncIterator<T> {
  if (isAsyncIterable<T>(source)) return source[Symbol.asyncIterator]();
  if (source === null || source === undefined || typeof (source as Iterable<T>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`expected an Iterable or AsyncIterable, got ${source === null ? 'null' : typeof source}`);
  }
  const it = (source as Iterable<T>)[Symbol.iterator]();
  return {
    next: () => Promise.resolve(it.next()),
    return: (value?: unknown) => Promise.resolve(it.return ? it.return(value as T) : { done: true as const, value: value as T }),
  };
}

/** Collects a stream into an array (reads it to the end). */
export async function collect<T>(source: StreamSource<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

/** The first `n` items of a stream; reads exactly `n` items (or fewer when the stream ends), then closes it. */
export async function* take<T>(source: StreamSource<T>, n: number): AsyncIterableIterator<T> {
  if (n <= 0) return;
  let i = 0;
  for await (const x of source) {
    yield x;
    if (++i >= n) return;
  }
}
