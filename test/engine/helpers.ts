// Shared test helpers for lib/engine: the backends to test on and a gradient checker.
import assert from 'node:assert/strict';
import { init, tf, Rng } from '../../lib/engine';

/** Backends every engine test runs on (tensorflow is not installable here). */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** Switches to a backend for the test that follows. */
export async function use(name: (typeof BACKENDS)[number]): Promise<void> {
  await init(name);
}

/** Max |a − b| ≤ atol + rtol·|b| elementwise; the message names the worst element. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const excess = Math.abs(actual[i] - expected[i]) - (atol + rtol * Math.abs(expected[i]));
    if (!(excess <= worstExcess) || Number.isNaN(actual[i])) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  assert.ok(worst < 0, `${what}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} (atol ${atol}, rtol ${rtol})`);
}

/** A seeded random tensor in [-1, 1) (typed as T, 2-d by default). */
export function rand<T extends tf.Tensor = tf.Tensor2D>(shape: number[], seed: number): T {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * rng.next() - 1), shape) as T;
}

export interface GradCheckOptions {
  /** Central-difference step (float32: ~1e-2 to 1e-3). */
  eps?: number;
  /** Tolerance against finite differences. */
  atol?: number;
  rtol?: number;
  /** Tolerance against the reference implementation's autodiff. */
  refAtol?: number;
  refRtol?: number;
}

/**
 * Checks a custom-gradient op: its value equals the reference's, its gradients of the scalar
 * sum(op(...) · R) (R fixed random) equal tf's autodiff of the reference, and equal central finite
 * differences in float32.
 */
export function checkGradients(
  op: (...xs: tf.Tensor[]) => tf.Tensor,
  reference: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  opts: GradCheckOptions = {},
): void {
  const { eps = 1e-2, atol = 2e-3, rtol = 2e-2, refAtol = 1e-5, refRtol = 1e-4 } = opts;
  tf.tidy(() => {
    const y = op(...inputs);
    const yRef = reference(...inputs);
    assert.deepEqual(y.shape, yRef.shape, 'output shape');
    assertClose(y.dataSync(), yRef.dataSync(), 1e-5, 1e-5, 'forward value');
    const R = rand(y.shape, 99);
    const lossOf = (f: (...xs: tf.Tensor[]) => tf.Tensor) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), R));
    const grads = tf.grads(lossOf(op))(inputs);
    const refGrads = tf.grads(lossOf(reference))(inputs);
    inputs.forEach((x, i) => {
      assert.deepEqual(grads[i].shape, x.shape, `gradient ${i} shape`);
      assertClose(grads[i].dataSync(), refGrads[i].dataSync(), refAtol, refRtol, `gradient of input ${i} vs autodiff of reference`);
      const base = x.dataSync().slice() as Float32Array;
      const numeric = new Float32Array(base.length);
      for (let j = 0; j < base.length; j++) {
        const at = (delta: number) =>
          tf.tidy(() => {
            const v = base.slice();
            v[j] += delta;
            const xs = inputs.slice();
            xs[i] = tf.tensor(v, x.shape);
            return lossOf(op)(...xs).dataSync()[0];
          });
        numeric[j] = (at(eps) - at(-eps)) / (2 * eps);
      }
      assertClose(grads[i].dataSync(), numeric, atol, rtol, `gradient of input ${i} vs finite differences`);
    });
  });
}
