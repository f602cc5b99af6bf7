import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, Adam, clipByGlobalNorm, Rng } from '../../lib/engine';
import { BACKENDS, use, assertClose } from './helpers';

/** A variable holding `values` (the initial tensor is freed). */
const variable = (values: number[]) => tf.tidy(() => tf.variable(tf.tensor1d(values)));

/** One Adam update in float64, as the paper writes it (bias-corrected moments). */
function adamReference(w: number[], g: number[], lr: number, t = 1, eps = 1e-8, b1 = 0.9, b2 = 0.999): number[] {
  return w.map((wi, i) => {
    const m = (1 - b1) * g[i];
    const v = (1 - b2) * g[i] ** 2;
    const mHat = m / (1 - b1 ** t);
    const vHat = v / (1 - b2 ** t);
    return wi - (lr * mHat) / (Math.sqrt(vHat) + eps * Math.sqrt(1 / (1 - b2 ** t)));
  });
}

/** Several Adam steps in float64 over several params, with global-norm clipping; returns the final weights. */
function adamSteps(ws: number[][], gradSteps: number[][][], lr: number, clip: number, eps = 1e-8, b1 = 0.9, b2 = 0.999): number[][] {
  const w = ws.map((x) => [...x]);
  const m = ws.map((x) => x.map(() => 0));
  const v = ws.map((x) => x.map(() => 0));
  gradSteps.forEach((gs, step) => {
    const t = step + 1;
    const norm = Math.sqrt(gs.flat().reduce((a, g) => a + g * g, 0));
    const scale = Number.isFinite(clip) ? clip / Math.max(norm, clip) : 1;
    const stepSize = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    gs.forEach((g, p) =>
      g.forEach((gi, i) => {
        const gk = gi * scale;
        m[p][i] = b1 * m[p][i] + (1 - b1) * gk;
        v[p][i] = b2 * v[p][i] + (1 - b2) * gk * gk;
        w[p][i] -= (stepSize * m[p][i]) / (Math.sqrt(v[p][i]) + eps);
      }),
    );
  });
  return w;
}

for (const backend of BACKENDS) {
  test(`Adam updates large params (tf ops) and small ones (JavaScript) as the float64 reference, 3 clipped steps, on ${backend}`, async () => {
    await use(backend);
    const rng = new Rng(4);
    const sizes = [6000, 7];
    const init = sizes.map((n) => Array.from({ length: n }, () => rng.normal()));
    const grads = [0, 1, 2].map(() => sizes.map((n) => Array.from({ length: n }, () => rng.normal() * 0.1)));
    const vars = init.map((x) => variable(x));
    const params = new Map(vars.map((v, i) => [`p${i}`, v]));
    const opt = new Adam({ learnRate: 0.01, gradClip: 2 });
    for (const gs of grads) tf.tidy(() => opt.step(params, Object.fromEntries(gs.map((g, i) => [`p${i}`, tf.tensor1d(g)]))));
    const expected = adamSteps(init, grads, 0.01, 2);
    vars.forEach((v, i) => assertClose(v.dataSync(), expected[i], 1e-5, 1e-5, `param of ${sizes[i]} values`));
    opt.dispose();
    vars.forEach((v) => v.dispose());
  });

  test(`Adam.step matches the Adam update computed by hand on ${backend}`, async () => {
    await use(backend);
    const w = variable([1, -2, 0.5]);
    const params = new Map([['w', w]]);
    const opt = new Adam({ learnRate: 0.1, eps: 0.5 });
    tf.tidy(() => opt.step(params, { w: tf.tensor1d([0.3, -4, 2]) }));
    assertClose(w.dataSync(), adamReference([1, -2, 0.5], [0.3, -4, 2], 0.1, 1, 0.5), 1e-6, 1e-6, 'w after one step');
    assert.equal(opt.stepCount, 1);
    opt.dispose();
    w.dispose();
  });

  test(`Adam gradClip scales all gradients by one factor to the global norm on ${backend}`, async () => {
    await use(backend);
    tf.tidy(() => {
      const [a, b] = clipByGlobalNorm([tf.tensor1d([3, 0]), tf.tensor1d([0, 4])], 1);
      assertClose([...a.dataSync(), ...b.dataSync()], [0.6, 0, 0, 0.8], 1e-6, 1e-6, 'clipped');
      const [c] = clipByGlobalNorm([tf.tensor1d([0.3, 0.4])], 1);
      assertClose(c.dataSync(), [0.3, 0.4], 1e-7, 0, 'within the limit: unchanged');
    });
    // A large eps makes the update depend on the gradient's scale, so clipping shows in the weights.
    const w = variable([0, 0]);
    const opt = new Adam({ learnRate: 1, eps: 1, gradClip: 1 });
    tf.tidy(() => opt.step(new Map([['w', w]]), { w: tf.tensor1d([30, 40]) }));
    assertClose(w.dataSync(), adamReference([0, 0], [0.6, 0.8], 1, 1, 1), 1e-6, 1e-6, 'clipped update');
    opt.dispose();
    w.dispose();
  });

  test(`Adam L2 decays weights (decoupled), leaves params without a gradient alone, on ${backend}`, async () => {
    await use(backend);
    const w = variable([1, 2]);
    const frozen = variable([5]);
    const opt = new Adam({ learnRate: 0.5, L2: 0.1 });
    tf.tidy(() => opt.step(new Map([['w', w], ['frozen', frozen]]), { w: tf.zeros([2]) }));
    assertClose(w.dataSync(), [0.95, 1.9], 1e-6, 1e-6, 'decayed');
    assert.deepEqual(Array.from(frozen.dataSync()), [5]);
    opt.dispose();
    w.dispose();
    frozen.dispose();
  });

  test(`Adam keys gradients by tf variable name or by param name, and frees its moments, on ${backend}`, async () => {
    await use(backend);
    const before = tf.memory().numTensors;
    const w = variable([1]);
    const opt = new Adam({ learnRate: 0.1 });
    tf.tidy(() => opt.step(new Map([['w', w]]), { [w.name]: tf.tensor1d([1]) }));
    tf.tidy(() => opt.step(new Map([['w', w]]), { w: tf.tensor1d([1]) }));
    assert.ok(w.dataSync()[0] < 0.85);
    opt.dispose();
    w.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}

test('Adam learning-rate schedule: linear warm-up, then constant or linear decay to 0', () => {
  const warm = new Adam({ learnRate: 1, warmupSteps: 4 });
  assert.deepEqual([1, 2, 4, 5, 100].map((s) => warm.rateAt(s)), [0.25, 0.5, 1, 1, 1]);
  const decay = new Adam({ learnRate: 1, warmupSteps: 2, totalSteps: 10 });
  assert.deepEqual([1, 2, 6, 10, 12].map((s) => decay.rateAt(s)), [0.5, 1, 0.5, 0, 0]);
});

test('Adam rejects bad options, naming them', () => {
  assert.throws(() => new Adam({ learnRate: 0 }), /\[E007\].*field "learnRate".*positive number/);
  assert.throws(() => new Adam({ learnRate: 1, beta1: 1 }), /beta1 must be in \[0, 1\)/);
  assert.throws(() => new Adam({ learnRate: 1, warmupSteps: 10, totalSteps: 5 }), /totalSteps must be an integer above warmupSteps/);
  assert.throws(() => new Adam({ learnRate: 1, gradClip: -1 }), /gradClip must be positive/);
});
