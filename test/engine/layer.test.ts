import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tf,
  Rng,
  Dense,
  Relu,
  Maxout,
  LayerNorm,
  Dropout,
  WindowConv,
  HashEmbed,
  MultiHashEmbed,
  chain,
  residual,
  concatenate,
  withPadding,
  collectParams,
  disposeLayer,
  getDim,
  inferDim,
  createLayer,
  type Layer,
  type Ragged,
  type Padded,
  type HashKeys,
} from '../../lib/engine';
import { BACKENDS, use, rand } from './helpers';

const lengths = [3, 1, 4];
const ragged = (): Ragged => ({ data: rand([8, 5], 1) as tf.Tensor2D, lengths });
const padded = (): Padded => ({
  data: rand([3, 4, 5], 2) as tf.Tensor3D,
  mask: tf.tensor3d([1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1], [3, 4, 1]),
});
const keys = (): HashKeys => ({ keys: Int32Array.from({ length: 8 * 3 }, (_, i) => i * 7919 - 50000), nTokens: 8, nAttrs: 3 });

/** Every layer builder, a sample input and the expected output shape (thinc's test_layers_api table). */
const CASES: Array<{ name: string; build: () => Layer<any, any>; sample: () => unknown; shape: number[] }> = [
  { name: 'Dense', build: () => Dense({ nO: 3 }), sample: () => rand([4, 5], 3), shape: [4, 3] },
  { name: 'Relu', build: () => Relu({ nO: 3 }), sample: () => rand([4, 5], 3), shape: [4, 3] },
  { name: 'Maxout', build: () => Maxout({ nO: 3, pieces: 2 }), sample: () => rand([4, 5], 3), shape: [4, 3] },
  { name: 'LayerNorm', build: () => LayerNorm(), sample: () => rand([4, 5], 3), shape: [4, 5] },
  { name: 'Dropout', build: () => Dropout(0.5), sample: () => rand([4, 5], 3), shape: [4, 5] },
  { name: 'Dense on Ragged', build: () => Dense<Ragged>({ nO: 2 }), sample: ragged, shape: [8, 2] },
  { name: 'Maxout on Padded', build: () => Maxout<Padded>({ nO: 2 }), sample: padded, shape: [3, 4, 2] },
  { name: 'WindowConv on Ragged', build: () => WindowConv<Ragged>({ nO: 6 }), sample: ragged, shape: [8, 6] },
  { name: 'WindowConv relu on Padded', build: () => WindowConv<Padded>({ nO: 6, window: 2, activation: 'relu' }), sample: padded, shape: [3, 4, 6] },
  { name: 'HashEmbed', build: () => HashEmbed({ nO: 4, rows: [10, 20, 30] }), sample: keys, shape: [8, 12] },
  { name: 'MultiHashEmbed', build: () => MultiHashEmbed({ width: 6, rows: [10, 20, 30], dropout: 0.1 }), sample: keys, shape: [8, 6] },
  { name: 'chain', build: () => chain(Dense({ nO: 7 }), Maxout({ nO: 2 })), sample: () => rand([4, 5], 3), shape: [4, 2] },
  { name: 'residual', build: () => residual(chain(WindowConv<Ragged>({ nO: 5 }), LayerNorm<Ragged>())), sample: ragged, shape: [8, 5] },
  { name: 'concatenate', build: () => concatenate(Dense({ nO: 2 }), Relu({ nO: 3 })), sample: () => rand([4, 5], 3), shape: [4, 5] },
  { name: 'withPadding', build: () => withPadding(WindowConv<Padded>({ nO: 3 })), sample: ragged, shape: [8, 3] },
];

const dataOf = (y: unknown): tf.Tensor => (y instanceof tf.Tensor ? y : (y as { data: tf.Tensor }).data);

for (const backend of BACKENDS) {
  for (const c of CASES) {
    test(`${c.name}: initialize infers dims, forward has the expected shape, every param gets a gradient on ${backend}`, async () => {
      await use(backend);
      const before = tf.memory().numTensors;
      const layer = c.build();
      const rng = new Rng(0);
      tf.tidy(() => {
        const x = c.sample();
        layer.initialize(x, rng);
        const params = collectParams(layer);
        const y = layer.forward(x, { isTrain: false, rng });
        assert.deepEqual(dataOf(y).shape, c.shape);
        if (params.size === 0) return;
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(dataOf(layer.forward(x, { isTrain: true, rng })))) as tf.Scalar, [
          ...params.values(),
        ]);
        for (const [name, v] of params) {
          assert.ok(grads[v.name], `no gradient for ${name}`);
          assert.deepEqual(grads[v.name].shape, v.shape, `gradient shape of ${name}`);
          assert.ok(Number.isFinite(tf.sum(tf.abs(grads[v.name])).dataSync()[0]), `finite gradient for ${name}`);
        }
      });
      disposeLayer(layer);
      assert.equal(tf.memory().numTensors, before, 'no tensors left after dispose');
    });
  }
}

test('getDim on an unset dim says which dim and which layer', () => {
  const layer = Maxout({ nO: 3 });
  assert.throws(() => getDim(layer, 'nI'), /\[E014\].*Cannot get dimension 'nI' for layer 'maxout': value unset/);
  assert.equal(getDim(layer, 'nO'), 3);
});

test('initialize without nO fails with the unset-dim message', async () => {
  await use('cpu');
  const layer = Dense();
  const x = tf.zeros([2, 4]) as tf.Tensor2D;
  assert.throws(() => layer.initialize(x, new Rng(0)), /Cannot get dimension 'nO' for layer 'dense': value unset/);
  x.dispose();
});

test('inferDim fills unset dims and refuses a conflicting width', async () => {
  await use('cpu');
  const layer = createLayer({ name: 'probe', dims: { nI: 4 }, forward: (_l, x: tf.Tensor) => x });
  inferDim(layer, 'nO', 7);
  assert.equal(layer.dims.nO, 7);
  assert.throws(() => inferDim(layer, 'nI', 5), /\[E303\].*layer 'probe' has nI=4 but the data has 5/);
  const dense = Dense({ nO: 2, nI: 4 });
  const x = tf.zeros([3, 5]) as tf.Tensor2D;
  assert.throws(() => dense.initialize(x, new Rng(0)), /layer 'dense' has nI=4 but the data has 5/);
  x.dispose();
});

test('forward on an input of the wrong width names the layer and the shapes', async () => {
  await use('cpu');
  const layer = Dense({ nO: 2 });
  const rng = new Rng(0);
  tf.tidy(() => {
    layer.initialize(tf.zeros([3, 4]), rng);
    assert.throws(() => layer.forward(tf.zeros([3, 6]), { isTrain: false, rng }), /layer 'dense' expects nI=4, got input of shape \[3,6\]/);
  });
  disposeLayer(layer);
});

test('collectParams names params by their path, numbering siblings that share a name', async () => {
  await use('cpu');
  const model = chain(MultiHashEmbed({ width: 4, rows: [5, 5] }), residual(WindowConv<Ragged>({ nO: 4 })), residual(WindowConv<Ragged>({ nO: 4 })));
  model.name = 'encoder';
  // The parts take different inputs (keys, then ragged vectors), so they are initialised one by one.
  tf.tidy(() => {
    const x = { keys: Int32Array.from([1, 2, 3, 4]), nTokens: 2, nAttrs: 2 };
    model.layers[0].initialize(x, new Rng(0));
    const emb = model.layers[0].forward(x, { isTrain: false, rng: new Rng(0) }) as tf.Tensor2D;
    model.layers[1].initialize({ data: emb, lengths: [2] }, new Rng(1));
    model.layers[2].initialize({ data: emb, lengths: [2] }, new Rng(2));
  });
  assert.deepEqual(
    [...collectParams(model).keys()],
    [
      'encoder/multiHashEmbed/hashEmbed/E',
      'encoder/multiHashEmbed/maxout/W',
      'encoder/multiHashEmbed/maxout/b',
      'encoder/multiHashEmbed/layerNorm/G',
      'encoder/multiHashEmbed/layerNorm/b',
      'encoder/residual.0/windowConv/W',
      'encoder/residual.0/windowConv/b',
      'encoder/residual.1/windowConv/W',
      'encoder/residual.1/windowConv/b',
    ],
  );
  assert.deepEqual([...collectParams(model, 'm').keys()][0], 'm/multiHashEmbed/hashEmbed/E');
  disposeLayer(model);
});

test('initializing again replaces the params without leaking', async () => {
  await use('cpu');
  const layer = Maxout({ nO: 3 });
  const x = tf.zeros([2, 4]) as tf.Tensor2D;
  layer.initialize(x, new Rng(0));
  const n = tf.memory().numTensors;
  const firstW = layer.params.W;
  layer.initialize(x, new Rng(1));
  assert.equal(tf.memory().numTensors, n);
  assert.ok(firstW.isDisposed);
  disposeLayer(layer);
  x.dispose();
});
