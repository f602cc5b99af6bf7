// Public API of the workbench: everything a notebook or user script may import from dist/index.js.
export * from './errors';
export * from './data';
export * from './streams';
export * as engine from './engine';
export * from './models';
export * from './eval';
export * from './plots';
export * from './experiments';
export * from './queue';
