import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tf,
  Rng,
  Adam,
  Maxout,
  Dense,
  Dropout,
  LayerNorm,
  MultiHashEmbed,
  WindowConv,
  chain,
  residual,
  collectParams,
  disposeLayer,
  trainStep,
  type Ragged,
} from '../../lib/engine';
import { BACKENDS, use } from './helpers';

/** Three well-separated 2-d clusters, 10 points each, labelled by cluster. */
function toySet(rng: Rng): { x: number[][]; y: number[] } {
  const centres = [
    [2, 0],
    [-2, 2],
    [-1, -2],
  ];
  const x: number[][] = [];
  const y: number[] = [];
  centres.forEach(([cx, cy], label) => {
    for (let i = 0; i < 10; i++) {
      x.push([cx + 0.3 * rng.normal(), cy + 0.3 * rng.normal()]);
      y.push(label);
    }
  });
  return { x, y };
}

/** A Maxout + softmax classifier trained with trainStep; returns the loss of every step. */
function train(seed: number, steps: number, dropout = 0, onStep?: (i: number) => void): number[] {
  const rng = new Rng(seed);
  const data = toySet(new Rng(100));
  const layers = [Maxout({ nO: 8, pieces: 2 }), ...(dropout ? [Dropout(dropout)] : []), Dense({ nO: 3 })];
  const model = chain(...layers);
  const x = tf.tensor2d(data.x);
  const labels = tf.oneHot(tf.tensor1d(data.y, 'int32'), 3);
  model.initialize(x, rng.fork('init'));
  const params = collectParams(model);
  const opt = new Adam({ learnRate: 0.05, gradClip: 5 });
  const ctx = { isTrain: true, rng: rng.fork('dropout') };
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(trainStep(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x, ctx)) as tf.Scalar, params, opt));
    onStep?.(i + 1);
  }
  opt.dispose();
  disposeLayer(model);
  tf.dispose([x, labels]);
  return losses;
}

for (const backend of BACKENDS) {
  test(`trainStep trains a Maxout + softmax classifier on a separable toy set to near-zero loss on ${backend}`, async () => {
    await use(backend);
    const losses = train(0, 150);
    assert.ok(losses[0] > 0.5, `initial loss ${losses[0]}`);
    assert.ok(losses[losses.length - 1] < 0.01, `final loss ${losses[losses.length - 1]}`);
  });

  test(`trainStep leaks no tensors: tf.memory().numTensors equal after step 1 and step 50 on ${backend}`, async () => {
    await use(backend);
    const counts = new Map<number, number>();
    train(1, 50, 0.2, (i) => counts.set(i, tf.memory().numTensors));
    assert.equal(counts.get(50), counts.get(1));
  });

  test(`training is deterministic: the same seed gives an identical loss trajectory (with dropout) on ${backend}`, async () => {
    await use(backend);
    const a = train(7, 8, 0.3);
    assert.deepEqual(train(7, 8, 0.3), a);
    assert.notDeepEqual(train(8, 8, 0.3), a);
  });
}

/** A small hashed-embedding CNN encoder trained toward fixed targets; returns the losses and the tensor counts. */
function trainEncoder(seed: number, steps: number): { losses: number[]; counts: number[] } {
  const rng = new Rng(seed);
  const lengths = [3, 5, 2];
  const keys = { keys: Int32Array.from({ length: 10 * 2 }, (_, i) => (i % 7) * 1000003), nTokens: 10, nAttrs: 2 };
  const embed = MultiHashEmbed({ width: 8, rows: [20, 20], dropout: 0.1 });
  const cnn = chain<Ragged, Ragged>(
    residual(chain<Ragged, Ragged>(WindowConv<Ragged>({ nO: 8 }), LayerNorm<Ragged>())),
    residual(chain<Ragged, Ragged>(WindowConv<Ragged>({ nO: 8 }), LayerNorm<Ragged>(), Dropout<Ragged>(0.1))),
  );
  embed.initialize(keys, rng.fork('embed'));
  tf.tidy(() => cnn.initialize({ data: embed.forward(keys, { isTrain: false, rng }), lengths }, rng.fork('cnn')));
  const params = new Map([...collectParams(embed), ...collectParams(cnn)]);
  const target = tf.tidy(() => tf.mul(tf.randomNormal([10, 8], 0, 1, 'float32', 5), 0.5));
  const opt = new Adam({ learnRate: 0.01, gradClip: 1, L2: 1e-4, warmupSteps: 2 });
  const ctx = { isTrain: true, rng: rng.fork('dropout') };
  const losses: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(
      trainStep(
        () => tf.losses.meanSquaredError(target, cnn.forward({ data: embed.forward(keys, ctx), lengths }, ctx).data) as tf.Scalar,
        params,
        opt,
      ),
    );
    counts.push(tf.memory().numTensors);
  }
  opt.dispose();
  [embed, cnn].forEach(disposeLayer);
  target.dispose();
  return { losses, counts };
}

for (const backend of BACKENDS) {
  test(`encoder (MultiHashEmbed → residual WindowConv blocks) training is deterministic, learns, and leaks nothing on ${backend}`, async () => {
    await use(backend);
    const a = trainEncoder(3, 12);
    assert.deepEqual(trainEncoder(3, 12).losses, a.losses);
    assert.notDeepEqual(trainEncoder(4, 12).losses, a.losses);
    assert.ok(a.losses[11] < a.losses[0], `loss ${a.losses[0]} → ${a.losses[11]}`);
    assert.equal(a.counts[11], a.counts[0]);
  });
}
