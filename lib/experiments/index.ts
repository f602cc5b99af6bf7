// Public exports of lib/experiments (each file re-exported here).
export {};
export * from './mode';
export * from './labelCounts';
export * from './tableHtml';
export * from './multisetDiff';
