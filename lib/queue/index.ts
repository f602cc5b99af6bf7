// Public exports of lib/queue (each file re-exported here; child.ts is a process entry, not a module).
export * from './target';
export * from './redis';
export * from './dataStore';
export * from './jobCheck';
export * from './childRunner';
export * from './cancel';
export * from './coordinator';
export * from './worker';
export * from './localRedis';
