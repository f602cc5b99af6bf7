/** Dropout: seeded, inverted scaling during training (kept units × 1/(1−rate)), identity at inference. */
import { tf } from './backend';
import { createLayer, type Layer } from './layer';
import type { Rng } from './random';
import { dataOf, rewrap, type Batch } from './seq';
import { WorkbenchError } from '../errors';

/**
 * A dropout mask of `n` values: 0 with probability `rate`, else 1/(1−rate). Drawn in JavaScript
 * by mulberry32 seeded from `rng`, inlined in the loop (~1 ns a value): one upload instead of
 * tf.randomUniform's per-value generator and four kernels (uniform, sub, step, mul).
 */
export function dropoutMask(n: number, rate: number, rng: Rng): Float32Array {
  const mask = new Float32Array(n);
  const scale = 1 / (1 - rate);
  // Keep when the 32-bit draw u ≥ rate·2³², compared as int32 (u with its top bit flipped, minus
  // 2³¹): an unsigned value above 2³⁰ would be a heap number in V8 and cost an allocation per draw.
  const threshold = rate * 4294967296 - 2147483648;
  let a = rng.seedInt() | 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    if ((t ^ (t >>> 14) ^ 0x80000000) >= threshold) mask[i] = scale;
  }
  return mask;
}

/** Dropout with probability `rate` in [0, 1); the mask is drawn from ctx.rng, so a seed fixes it. */
export function Dropout<T extends Batch = tf.Tensor2D>(rate: number): Layer<T, T> {
  if (!(rate >= 0 && rate < 1)) {
    throw new WorkbenchError('E007', `Dropout: rate must be in [0, 1), got ${rate}`, { field: 'rate' });
  }
  return createLayer<T, T>({
    name: 'dropout',
    dims: { rate },
    forward: (_layer, x, ctx) => {
      if (!ctx.isTrain || rate === 0) return x;
      const data = dataOf(x);
      return rewrap(x, tf.mul(data, tf.tensor(dropoutMask(data.size, rate, ctx.rng), data.shape, 'float32')));
    },
  });
}
