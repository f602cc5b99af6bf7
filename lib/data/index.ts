// Public exports of lib/data (each file re-exported here).
export * from './types';
export * from './dataDir';
export * from './tokenize';
export * from './hashes';
export * from './jsonl';
export * from './prodigy';
export * from './merge';
export * from './slotIntent';
export * from './conll';
export * from './biluo';
export * from './split';
export * from './gum';
export * from './sample';
export * from './hwu64';
export * from './nluEvaluation';
export * from './readExamples';
export * from './tokenizers';
