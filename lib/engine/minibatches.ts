/** Splitting a dataset into minibatches, shuffled by an injected Rng (d3's shuffler habit). */
import type { Rng } from './random';
import { WorkbenchError } from '../errors';

/**
 * Consecutive batches of `size` items (the last may be smaller). With `rng`, a shuffled copy is
 * batched; `items` itself is never reordered.
 */
export function minibatches<T>(items: readonly T[], size: number, rng?: Rng): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new WorkbenchError('E007', `minibatches: size must be a positive integer, got ${size}`, { field: 'size' });
  }
  const order = rng ? rng.shuffle(items.slice()) : items;
  const out: T[][] = [];
  for (let i = 0; i < order.length; i += size) out.push(order.slice(i, i + size));
  return out;
}
