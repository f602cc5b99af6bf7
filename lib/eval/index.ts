// Public exports of lib/eval (each file re-exported here).
export type { PRF, EntityScores, CatScores, CatConfusion, Scores, EpochRecord, RunRecord } from './scores';
export { prf, PRFScore } from './prf';
export { scoreEntities, entityCounts } from './scoreEntities';
export { scoreEntityTokens, type TokenEntityScores } from './tokenEntities';
export { resolveCatTask, argmaxLabel, goldLabel, type CatOptions, type CatTask } from './catTask';
export { rocAuc } from './auc';
export { scoreCats, catCounts, catPRF, macroPRF, type CatCounts } from './scoreCats';
export { exactMatch, exactMatchFlags } from './exactMatch';
export { scoreDocEntities, type DocEntityScores } from './docEntities';
export { evaluate, evaluateRun, scoreExamples, type EvaluateOptions } from './evaluate';
export { meanCI, pairedTTest, tCdf, tQuantile, normalCdf, normalQuantile, regularizedBeta, logGamma, type MeanCI, type PairedTTest } from './stats';
export { mcnemarExact, mcnemarCats, type McNemarResult } from './mcnemar';
export { pairedBootstrap, pairedBootstrapPooled, type Metric, type MetricFn, type BootstrapOptions, type BootstrapResult } from './bootstrap';
export { compareSchemes, compareSchemeRows, type CompareOptions, type CompareRow } from './compareSchemes';
