// Summaries of repeated measurements: every bench figure is a median with its min and max.

/** Median, min and max of repeated measurements, and how many there were. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The summary of finite values (non-finite ones are dropped); null when none is left. */
export function summarize(values: readonly (number | null | undefined)[]): Summary | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/** Runs `fn` `n` times in sequence and returns the results in order. */
export async function repeat<T>(n: number, fn: (i: number) => Promise<T> | T): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}
