/** Dropout: seeded, inverted scaling during training (kept units × 1/(1−rate)), identity at inference. */
import { tf } from './backend';
import { createLayer, type Layer } from './layer';
import { dataOf, rewrap, type Batch } from './seq';
import { WorkbenchError } from '../errors';

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
      const keep = tf.step(tf.sub(tf.randomUniform(data.shape, 0, 1, 'float32', ctx.rng.seedInt()), rate));
      return rewrap(x, tf.mul(data, tf.mul(keep, 1 / (1 - rate))));
    },
  });
}
