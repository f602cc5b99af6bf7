// Public exports of lib/data (each file re-exported here).
export * from './types';
export * from './dataDir';
