import { Rng } from '../engine/random';
import { WorkbenchError } from '../errors';

/**
 * `n` items drawn without replacement by `seed`, in their original order. The draws of one seed are
 * nested: the first `n` of one seeded permutation, so a smaller size is a subset of a larger one
 * (learning curves add data rather than swap it). `n` undefined or 'all' keeps all; more than
 * there are is an E601 error.
 */
export function subsample<T>(items: readonly T[], n: number | 'all' | undefined, seed: number): T[] {
  if (n === undefined || n === 'all') return items.slice();
  if (!Number.isInteger(n) || n < 1) {
    throw new WorkbenchError('E601', `train size must be a whole number ≥ 1 or 'all', got ${JSON.stringify(n)}`, { field: 'trainSizes' });
  }
  if (n > items.length) {
    throw new WorkbenchError('E601', `train size ${n} is larger than the ${items.length} training examples`, { field: 'trainSizes' });
  }
  const order = new Rng(seed).fork('subsample').shuffle(Array.from(items.keys()));
  return order
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}
