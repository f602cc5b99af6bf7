/** Combinators (thinc's chain, residual, concatenate, with_padded): layers made of layers. */
import { tf } from './backend';
import { createLayer, type Layer } from './layer';
import { padRagged, unpadRagged } from './ops/padRagged';
import { dataOf, isSeq, rewrap, type Batch, type Padded, type Ragged } from './seq';
import { WorkbenchError } from '../errors';

/**
 * Runs layers one after another. At `initialize`, each layer is initialised on the output of the
 * previous ones for the sample (computed in inference mode, then freed), so widths flow through.
 */
export function chain<I = tf.Tensor, O = tf.Tensor>(...layers: Layer<any, any>[]): Layer<I, O> {
  if (layers.length === 0) throw new WorkbenchError('E007', 'chain: needs at least one layer', { field: 'layers' });
  return createLayer<I, O>({
    name: 'chain',
    dims: { nO: undefined },
    layers,
    init: (layer, sample, rng) => {
      tf.tidy(() => {
        let x: unknown = sample;
        layers.forEach((child, i) => {
          child.initialize(x, rng.fork(i));
          if (i < layers.length - 1) x = child.forward(x, { isTrain: false, rng: rng.fork(`sample${i}`) });
        });
      });
      const last = layers[layers.length - 1];
      if (last.dims.nO !== undefined) layer.dims.nO = last.dims.nO;
    },
    forward: (_layer, x, ctx) => layers.reduce<unknown>((h, child) => child.forward(h, ctx), x) as O,
  });
}

/** Adds two batches of the same kind and shape. */
function addBatch<T extends Batch>(a: T, b: T): T {
  return rewrap(a, tf.add(dataOf(a), dataOf(b)));
}

/** y = x + layer(x); the layer must keep the width (and, for sequences, the batch layout). */
export function residual<T extends Batch>(layer: Layer<T, T>): Layer<T, T> {
  return createLayer<T, T>({
    name: 'residual',
    layers: [layer],
    init: (_l, sample, rng) => {
      layer.initialize(sample, rng.fork(0));
      const width = dataOf(sample).shape.at(-1);
      if (layer.dims.nO !== undefined && layer.dims.nO !== width) {
        throw new WorkbenchError('E303', `residual: layer '${layer.name}' has nO=${layer.dims.nO} but its input has width ${width}`, {
          field: 'nO',
        });
      }
    },
    forward: (_l, x, ctx) => addBatch(x, layer.forward(x, ctx)),
  });
}

/** Runs every layer on the same input and concatenates their outputs along the last axis. */
export function concatenate<I = tf.Tensor, O extends Batch = tf.Tensor>(...layers: Layer<I, O>[]): Layer<I, O> {
  if (layers.length === 0) throw new WorkbenchError('E007', 'concatenate: needs at least one layer', { field: 'layers' });
  return createLayer<I, O>({
    name: 'concatenate',
    dims: { nO: undefined },
    layers,
    init: (layer, sample, rng) => {
      layers.forEach((child, i) => child.initialize(sample, rng.fork(i)));
      if (layers.every((l) => l.dims.nO !== undefined)) layer.dims.nO = layers.reduce((s, l) => s + l.dims.nO!, 0);
    },
    forward: (_l, x, ctx) => {
      const outs = layers.map((l) => l.forward(x, ctx));
      const datas = outs.map((o) => dataOf(o));
      const joined = tf.concat(datas, datas[0].rank - 1);
      return isSeq(outs[0]) ? rewrap(outs[0], joined) : (joined as O);
    },
  });
}

/** Runs a layer made for padded batches on a ragged batch (pads, runs, unpads; gradients flow through). */
export function withPadding(layer: Layer<Padded, Padded>): Layer<Ragged, Ragged> {
  return createLayer<Ragged, Ragged>({
    name: 'withPadding',
    layers: [layer],
    init: (l, sample, rng) => {
      tf.tidy(() => layer.initialize(padRagged(sample), rng.fork(0)));
      if (layer.dims.nO !== undefined) l.dims.nO = layer.dims.nO;
    },
    forward: (_l, x, ctx) => unpadRagged(layer.forward(padRagged(x), ctx), x.lengths),
  });
}
