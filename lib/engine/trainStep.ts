/** One optimisation step: loss and gradients by tf.variableGrads, an optimiser update, everything freed. */
import { tf } from './backend';
import type { Adam } from './optimizer';

/**
 * Computes `lossFn()` and the gradients of `params` inside tf.tidy, updates them with `opt`, frees
 * every intermediate, and returns the loss value (the step's only sync).
 */
export function trainStep(lossFn: () => tf.Scalar, params: Map<string, tf.Variable>, opt: Adam): number {
  const vars = [...params.values()].filter((v) => v.trainable);
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(lossFn, vars);
    opt.step(params, grads);
    return value;
  });
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}
