// Public exports of lib/streams (each file re-exported here).
export { collect, take, isAsyncIterable, toAsyncIterator, type StreamSource } from './iter';
export { tee, type TeeBranches } from './tee';
export { concat } from './concat';
export { dedup, type DedupOptions } from './dedup';
export { getStream, type GetStreamOptions } from './getStream';
export { PhraseMatcher, type PhrasePattern, type PhraseMatch, type PhraseMatcherOptions } from './phraseMatcher';
export { findWithPhrases, findWithTerms, type FindOptions, type MatchMeta } from './findWithPhrases';
export { preferUncertain, preferHighScores, preferLowScores, type SorterOptions } from './sorters';
export { readPatterns } from './readPatterns';
