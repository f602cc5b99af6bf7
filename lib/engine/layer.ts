/**
 * thinc-style layers: a layer declares its dims and params, fills unset dims from a sample batch
 * at `initialize`, and computes in `forward`. Gradients come from tf autodiff (`tf.variableGrads`)
 * and from the custom ops in ./ops.
 */
import { tf } from './backend';
import type { Rng } from './random';
import { WorkbenchError } from '../errors';

/** What a forward pass needs besides its input: training mode (dropout on) and the random stream for it. */
export interface ForwardContext {
  isTrain: boolean;
  rng: Rng;
}

/** A layer: named dims and params, child layers, shape inference at `initialize`, and `forward`. */
export interface Layer<I = tf.Tensor, O = tf.Tensor> {
  name: string;
  dims: Record<string, number | undefined>;
  params: Record<string, tf.Variable>;
  layers: Layer<any, any>[];
  /** Fills unset dims from `sample` and creates the params (disposing earlier ones), drawing from `rng`. */
  initialize(sample: I, rng: Rng): void;
  forward(x: I, ctx: ForwardContext): O;
}

/** What `createLayer` needs: the layer's name, dims (undefined = inferred later), children, init and forward. */
export interface LayerSpec<I, O> {
  name: string;
  dims?: Record<string, number | undefined>;
  layers?: Layer<any, any>[];
  init?: (layer: Layer<I, O>, sample: I, rng: Rng) => void;
  forward: (layer: Layer<I, O>, x: I, ctx: ForwardContext) => O;
}

/** Builds a `Layer` from a spec (thinc's `Model(name, forward, init=..., dims=...)`). */
export function createLayer<I, O>(spec: LayerSpec<I, O>): Layer<I, O> {
  const layer: Layer<I, O> = {
    name: spec.name,
    dims: { ...(spec.dims ?? {}) },
    params: {},
    layers: spec.layers ?? [],
    initialize(sample: I, rng: Rng): void {
      spec.init?.(layer, sample, rng);
    },
    forward(x: I, ctx: ForwardContext): O {
      return spec.forward(layer, x, ctx);
    },
  };
  return layer;
}

/** The value of a dim; throws "Cannot get dimension 'nI' for layer 'maxout': value unset" when unset. */
export function getDim(layer: Layer<any, any>, dim: string): number {
  const value = layer.dims[dim];
  if (value === undefined) {
    throw new WorkbenchError('E014', `Cannot get dimension '${dim}' for layer '${layer.name}': value unset`, { field: dim });
  }
  return value;
}

/** Whether a dim is set. */
export function hasDim(layer: Layer<any, any>, dim: string): boolean {
  return layer.dims[dim] !== undefined;
}

/**
 * Sets a dim inferred from data: fills it when unset, and when already set checks that it agrees
 * (a layer built for width 96 must not silently accept width 64).
 */
export function inferDim(layer: Layer<any, any>, dim: string, value: number): void {
  const current = layer.dims[dim];
  if (current === undefined) layer.dims[dim] = value;
  else if (current !== value) {
    throw new WorkbenchError(
      'E303',
      `layer '${layer.name}' has ${dim}=${current} but the data has ${value}`,
      { field: dim },
    );
  }
}

/** Checks at forward time that the input's last axis is the layer's nI. */
export function checkWidth(layer: Layer<any, any>, x: tf.Tensor, dim = 'nI'): void {
  const width = x.shape[x.shape.length - 1];
  const expected = getDim(layer, dim);
  if (width !== expected) {
    throw new WorkbenchError('E303', `layer '${layer.name}' expects ${dim}=${expected}, got input of shape [${x.shape}]`, {
      field: dim,
    });
  }
}

/** Stores a param as a trainable variable (tf names it uniquely), disposing the initial tensor and any previous value. */
export function setParam(layer: Layer<any, any>, name: string, value: tf.Tensor): tf.Variable {
  layer.params[name]?.dispose();
  const variable = tf.variable(value, true);
  value.dispose();
  layer.params[name] = variable;
  return variable;
}

/** A param by name; throws when the layer was not initialised. */
export function getParam(layer: Layer<any, any>, name: string): tf.Variable {
  const p = layer.params[name];
  if (p === undefined) {
    throw new WorkbenchError('E014', `Cannot get param '${name}' for layer '${layer.name}': call initialize() first`, {
      field: name,
    });
  }
  return p;
}

/** Every layer of the tree, depth first, each once. */
export function* walkLayers(layer: Layer<any, any>, seen = new Set<Layer<any, any>>()): Generator<Layer<any, any>> {
  if (seen.has(layer)) return;
  seen.add(layer);
  yield layer;
  for (const child of layer.layers) yield* walkLayers(child, seen);
}

/**
 * All params of a layer tree under stable, unique names like 'encoder/residual.0/windowConv/W':
 * the path of layer names from the root, with `.k` added where siblings share a name.
 * A variable reachable twice (a shared layer) is listed once, under its first path.
 */
export function collectParams(layer: Layer<any, any>, prefix: string = layer.name): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  const seen = new Set<tf.Variable>();
  const visit = (l: Layer<any, any>, path: string): void => {
    for (const [name, v] of Object.entries(l.params)) {
      if (seen.has(v)) continue;
      seen.add(v);
      out.set(`${path}/${name}`, v);
    }
    const counts = new Map<string, number>();
    for (const child of l.layers) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    const index = new Map<string, number>();
    for (const child of l.layers) {
      const k = index.get(child.name) ?? 0;
      index.set(child.name, k + 1);
      visit(child, `${path}/${child.name}${counts.get(child.name)! > 1 ? `.${k}` : ''}`);
    }
  };
  visit(layer, prefix);
  return out;
}

/** Frees every param of a layer tree. */
export function disposeLayer(layer: Layer<any, any>): void {
  for (const l of walkLayers(layer)) {
    for (const v of Object.values(l.params)) v.dispose();
    l.params = {};
  }
}

/** Runs `layer` in inference mode inside tf.tidy (dropout off); the result is kept, intermediates freed. */
export function predict<I, O extends tf.TensorContainer>(layer: Layer<I, O>, x: I, rng: Rng): O {
  return tf.tidy(() => layer.forward(x, { isTrain: false, rng }));
}
