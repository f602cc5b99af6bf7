// Public exports of lib/engine (each file re-exported here).
// Runtime and randomness
export * from './backend';
export * from './random';
export * from './init';
// Layers (thinc-style) and the batches they take
export * from './layer';
export * from './seq';
export * from './murmur';
export * from './hashEmbed';
export * from './multiHashEmbed';
export * from './dense';
export * from './maxout';
export * from './windowConv';
export * from './layerNorm';
export * from './dropout';
export * from './combinators';
// Custom ops (fast gradients on wasm/cpu)
export * from './ops/customOp';
export * from './ops/gatherRows';
export * from './ops/biasGradient';
export * from './ops/matMulFast';
export * from './ops/dense';
export * from './ops/maxout';
export * from './ops/layerNorm';
export * from './ops/embedRows';
export * from './ops/embedBags';
export * from './ops/permuteRows';
export * from './ops/padRagged';
export * from './ops/windowConcatRagged';
export * from './ops/windowConcat';
export * from './ops/meanPool';
// Training and weights
export * from './optimizer';
export * from './trainStep';
export * from './minibatches';
export * from './serialize';
