// Public exports of lib/vectors: frozen word vectors (tables, file readers, cache, loadVectors).
export * from './table';
export * from './binary';
export * from './cache';
export * from './readText';
export * from './readWord2vec';
export * from './readWink';
export * from './loadVectors';
