/** Seeded weight initialisers: the numbers are drawn in JavaScript from an `Rng`, so a seed gives identical weights on every backend. */
import { tf } from './backend';
import type { Rng } from './random';

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Uniform in [-scale, scale). */
export function uniform(shape: number[], scale: number, rng: Rng): tf.Tensor {
  const values = new Float32Array(size(shape));
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * scale;
  return tf.tensor(values, shape, 'float32');
}

/** Normal with mean 0 and standard deviation `std`. */
export function normal(shape: number[], std: number, rng: Rng): tf.Tensor {
  const values = new Float32Array(size(shape));
  for (let i = 0; i < values.length; i++) values[i] = rng.normal() * std;
  return tf.tensor(values, shape, 'float32');
}

/**
 * Glorot/Xavier uniform for a weight of shape [nI, nO] (fan-in first, our matMul layout); for
 * higher ranks the last axis is fan-out and the rest is fan-in.
 */
export function glorotUniform(shape: number[], rng: Rng): tf.Tensor {
  const fanOut = shape.length > 1 ? shape[shape.length - 1] : shape[0];
  const fanIn = shape.length > 1 ? size(shape) / fanOut : shape[0];
  return uniform(shape, Math.sqrt(6 / (fanIn + fanOut)), rng);
}

/** All zeros. */
export function zeros(shape: number[]): tf.Tensor {
  return tf.zeros(shape, 'float32');
}

/** All ones (layer-norm gains). */
export function ones(shape: number[]): tf.Tensor {
  return tf.ones(shape, 'float32');
}
