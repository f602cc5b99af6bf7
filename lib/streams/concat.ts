import type { StreamSource } from './iter';

/** The items of each source in turn; each source is opened only when the previous one is exhausted. */
export async function* concat<T>(...sources: StreamSource<T>[]): AsyncIterableIterator<T> {
  for (const source of sources) yield* source;
}
