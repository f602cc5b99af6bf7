/**
 * Length-bucketed minibatches (AllenNLP's bucket iterator, spaCy's minibatch_by_padded_size
 * habit): shuffle, cut into pools of `poolBatches` batches, sort each pool by length, cut into
 * batches, shuffle the batches. Similar lengths share a batch (little padding) while the order
 * still changes every epoch. Randomness is injected: `random()` returns a number in [0, 1).
 * Returns indices into `lengths`; every index appears exactly once.
 */
export function bucketBatches(lengths: ArrayLike<number>, batchSize: number, random: () => number, poolBatches = 32): number[][] {
  const order = shuffle(Array.from({ length: lengths.length }, (_, i) => i), random);
  const batches: number[][] = [];
  const pool = Math.max(1, batchSize * poolBatches);
  for (let p = 0; p < order.length; p += pool) {
    const chunk = order.slice(p, p + pool);
    // Stable sort: equal lengths keep their shuffled order.
    chunk.sort((a, b) => lengths[a] - lengths[b]);
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  return shuffle(batches, random);
}

/** Deterministic batches for prediction: indices sorted by length (stable), cut into batches. */
export function lengthSortedBatches(lengths: ArrayLike<number>, batchSize: number): number[][] {
  const order = Array.from({ length: lengths.length }, (_, i) => i).sort((a, b) => lengths[a] - lengths[b]);
  const batches: number[][] = [];
  for (let b = 0; b < order.length; b += batchSize) batches.push(order.slice(b, b + batchSize));
  return batches;
}

/** Fisher-Yates shuffle in place with an injected random source (d3's shuffler). */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
