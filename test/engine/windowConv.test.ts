import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tf,
  Rng,
  WindowConv,
  MultiHashEmbed,
  LayerNorm,
  chain,
  residual,
  meanPool,
  padRagged,
  disposeLayer,
  maskFromLengths,
  type Ragged,
  type Padded,
} from '../../lib/engine';
import { BACKENDS, use, rand, assertClose } from './helpers';

const lengths = [3, 1, 4];

/** Reference: per sequence, pad, slice, concat, then maxout by tf ops. */
function reference(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, nO: number, pieces: number): tf.Tensor {
  const parts: tf.Tensor[] = [];
  let start = 0;
  for (const n of lengths) {
    const p = tf.pad(tf.slice(x, [start, 0], [n, -1]), [[1, 1], [0, 0]]);
    parts.push(tf.concat([0, 1, 2].map((o) => tf.slice(p, [o, 0], [n, -1])), 1));
    start += n;
  }
  const z = tf.add(tf.matMul(tf.concat(parts, 0) as tf.Tensor2D, W), b);
  return tf.max(tf.reshape(z, [-1, nO, pieces]), 2);
}

for (const backend of BACKENDS) {
  test(`WindowConv on Ragged equals concat-of-neighbours then maxout on ${backend}`, async () => {
    await use(backend);
    const layer = WindowConv<Ragged>({ nO: 4, pieces: 2 });
    const rng = new Rng(0);
    tf.tidy(() => {
      const x = rand([8, 3], 1) as tf.Tensor2D;
      layer.initialize({ data: x, lengths }, rng);
      assert.deepEqual(layer.params.W.shape, [9, 8]);
      const y = layer.forward({ data: x, lengths }, { isTrain: false, rng });
      const expected = reference(x, layer.params.W as tf.Tensor as tf.Tensor2D, layer.params.b as tf.Tensor as tf.Tensor1D, 4, 2);
      assertClose(y.data.dataSync(), expected.dataSync(), 1e-5, 1e-5, 'output');
    });
    disposeLayer(layer);
  });

  test(`WindowConv on Padded agrees with Ragged on real tokens and padding values never leak, on ${backend}`, async () => {
    await use(backend);
    const layer = WindowConv<Padded>({ nO: 4 });
    const rng = new Rng(0);
    tf.tidy(() => {
      const x = rand([8, 3], 2) as tf.Tensor2D;
      const p = padRagged({ data: x, lengths });
      layer.initialize(p, rng);
      const ragged = WindowConv<Ragged>({ nO: 4 });
      ragged.initialize({ data: x, lengths }, rng);
      ragged.params.W.assign(layer.params.W);
      ragged.params.b.assign(layer.params.b);
      const yPad = layer.forward(p, { isTrain: false, rng });
      // Garbage at the padding positions must not change real outputs.
      const noisy = tf.add(p.data, tf.mul(tf.sub(1, p.mask), 100)) as tf.Tensor3D;
      const yNoisy = layer.forward({ data: noisy, mask: p.mask }, { isTrain: false, rng });
      const yRag = ragged.forward({ data: x, lengths }, { isTrain: false, rng }).data;
      const mask = maskFromLengths(lengths).dataSync();
      const pick = (t: tf.Tensor) => {
        const v = t.dataSync();
        return Array.from(mask).flatMap((m, i) => (m ? Array.from(v.slice(i * 4, i * 4 + 4)) : []));
      };
      assertClose(pick(yPad.data), yRag.dataSync(), 1e-5, 1e-5, 'padded vs ragged');
      assertClose(pick(yNoisy.data), yRag.dataSync(), 1e-5, 1e-5, 'padding leaked');
      disposeLayer(ragged);
    });
    disposeLayer(layer);
  });
}

test('WindowConv rejects a bad window or activation', () => {
  assert.throws(() => WindowConv({ nO: 3, window: -1 }), /\[E007\].*window must be a non-negative integer/);
  assert.throws(() => WindowConv({ nO: 3, activation: 'tanh' as 'relu' }), /activation must be 'maxout' or 'relu'/);
});

for (const backend of BACKENDS) {
  test(`empty batches and empty sequences flow through embed → WindowConv → LayerNorm → meanPool on ${backend}`, async () => {
    await use(backend);
    const rng = new Rng(1);
    const embed = MultiHashEmbed({ width: 4, rows: [10, 10] });
    const conv = residual(chain<Ragged, Ragged>(WindowConv<Ragged>({ nO: 4 }), LayerNorm<Ragged>()));
    const sample = { keys: Int32Array.from([1, 2, 3, 4]), nTokens: 2, nAttrs: 2 };
    embed.initialize(sample, rng);
    tf.tidy(() => conv.initialize({ data: embed.forward(sample, { isTrain: false, rng }), lengths: [2] }, rng));
    for (const lengths of [[], [0, 0], [0, 1, 0]]) {
      tf.tidy(() => {
        const n = lengths.reduce((a, b) => a + b, 0);
        const keys = { keys: new Int32Array(n * 2).fill(7), nTokens: n, nAttrs: 2 };
        const out = conv.forward({ data: embed.forward(keys, { isTrain: true, rng }), lengths }, { isTrain: true, rng });
        assert.deepEqual(out.data.shape, [n, 4]);
        assert.deepEqual(meanPool(out).shape, [lengths.length, 4]);
      });
    }
    disposeLayer(embed);
    disposeLayer(conv);
  });
}
