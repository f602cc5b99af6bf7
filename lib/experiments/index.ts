// Public exports of lib/experiments (each file re-exported here).
export {};
export * from './mode';
