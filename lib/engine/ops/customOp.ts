/** A typed wrapper over tf.customGrad: ops here say their inputs as an array and get `save` apart. */
import { tf } from '../backend';

/** What a custom op's body returns: its value and the gradient of each input given dy and the saved tensors. */
export interface CustomResult<T extends tf.Tensor> {
  value: T;
  gradFunc: (dy: T, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * Makes a differentiable op from `body(inputs, save)`. Tensors the body creates are freed after the
 * forward pass except the value and what it `save`s (saved only when a gradient tape is recording).
 */
export function customOp<T extends tf.Tensor>(
  body: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => CustomResult<T>,
): (...inputs: tf.Tensor[]) => T {
  const f = (...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return body(args.slice(0, -1) as tf.Tensor[], save);
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad<T>>[0]) as (...inputs: tf.Tensor[]) => T;
}

/**
 * True while a gradient tape records (the forward pass of tf.grad / variableGrads): ops whose
 * backward pass needs bookkeeping from the forward pass (argmax positions) skip it when false.
 */
export function tapeRecording(): boolean {
  return tf.engine().state.gradientDepth > 0;
}
