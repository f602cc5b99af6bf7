// Examples turned into model inputs: label sets and tag names, prepared docs (gold tags, rejected spans), minibatches.
export { collectLabels, inferExclusive, tagNames, type LabelSet } from './labels';
export { bucketBatches, lengthSortedBatches } from './batching';
