// Test helper: a source that counts how many items were read from it (d3's OneTimeNumber habit).
export interface Counting<T> {
  source: AsyncIterable<T>;
  readonly reads: number;
  readonly closed: boolean;
}

/** An async source of `items` that counts reads, can fail at `failAt`, and records whether it was closed. */
export function counting<T>(items: Iterable<T>, opts: { failAt?: number; sync?: boolean } = {}): Counting<T> {
  const state = { reads: 0, closed: false };
  async function* gen(): AsyncGenerator<T> {
    try {
      let i = 0;
      for (const x of items) {
        if (i === opts.failAt) throw new Error(`boom at ${i}`);
        state.reads++;
        i++;
        yield x;
      }
      if (i === opts.failAt) throw new Error(`boom at ${i}`);
    } finally {
      state.closed = true;
    }
  }
  return {
    source: gen(),
    get reads() {
      return state.reads;
    },
    get closed() {
      return state.closed;
    },
  };
}

/** 0, 1, ..., n - 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
