// Public API of the workbench: everything a notebook or user script may import from dist/index.js.
export * from './errors';
export * from './warnings';
export * from './data';
export * from './streams';
export * as engine from './engine';
export * from './vectors';
export * from './models';
export * from './eval';
export * from './plots';
export * from './experiments';
// The queue API a script needs (the rest of lib/queue is reached through runExperiment's queue option and the CLI).
export { cancelSweep, maskUrl, parseQueueTarget, startLocalRedis, startWorker, type QueueOption, type QueueSpec, type RunWorker, type RunWorkerOptions } from './queue';
