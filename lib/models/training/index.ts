// Training: trainPipeline (config, labels, build, dev scoring), the loop with early stopping, and parameter averaging.
export { trainPipeline, devEvaluator, epochsFor, type TrainOptions } from './train';
export { trainWhileImproving, type TrainProgress, type StepProgress, type EpochProgress } from './loop';
