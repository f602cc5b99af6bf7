// Public exports of lib/experiments (each file re-exported here).
export {};
export * from './mode';
export * from './labelCounts';
export * from './tableHtml';
export * from './multisetDiff';
export * from './versions';
export * from './fingerprint';
export * from './subsample';
export * from './runStore';
export * from './progress';
export * from './runJob';
export * from './runExperiment';
export * from './uncertainty';
export * from './activeLearning';
export * from './verdicts';
export * from './interestThreshold';
