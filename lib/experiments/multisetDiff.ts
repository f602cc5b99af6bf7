/** What `multisetDiff` found: items missing from `actual`, items in excess, each with how many. */
export interface MultisetDiff<K> {
  /** True when both hold the same items the same number of times (order ignored). */
  equal: boolean;
  /** Items `actual` has fewer times than `expected` (key, how many fewer). */
  missing: [K, number][];
  /** Items `actual` has more times than `expected` (key, how many more): repeats or strangers. */
  extra: [K, number][];
  expectedCount: number;
  actualCount: number;
}

/**
 * Compares two collections as multisets under `key` (default: the item itself): the check that a
 * stream transformation (reordering, tee, dedup) lost nothing and repeated nothing.
 */
export function multisetDiff<T, K = T>(
  expected: Iterable<T>,
  actual: Iterable<T>,
  key: (item: T) => K = (item) => item as unknown as K,
): MultisetDiff<K> {
  const balance = new Map<K, number>();
  let expectedCount = 0;
  let actualCount = 0;
  for (const item of expected) {
    const k = key(item);
    balance.set(k, (balance.get(k) ?? 0) + 1);
    expectedCount++;
  }
  for (const item of actual) {
    const k = key(item);
    balance.set(k, (balance.get(k) ?? 0) - 1);
    actualCount++;
  }
  const missing: [K, number][] = [];
  const extra: [K, number][] = [];
  for (const [k, n] of balance) {
    if (n > 0) missing.push([k, n]);
    else if (n < 0) extra.push([k, -n]);
  }
  return { equal: missing.length === 0 && extra.length === 0, missing, extra, expectedCount, actualCount };
}
