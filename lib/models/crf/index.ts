// Structured decoding of tags: tag constraints, the CRF and factored CRF, Viterbi (exact and label-pruned), entity and category-consistent decoding.
export { tagConstraints, isValidSequence, type TagConstraints } from './tagConstraints';
export { viterbi, type TransitionScores } from './viterbi';
export { crfStructure, expandTransitions, type CrfStructure, type FactoredCrfParams } from './factoredCrf';
export { factoredViterbi } from './factoredViterbi';
export { decodeEntities, type TagDecoder } from './decode';
export { catEntityLabels, decodeConsistent, pathScore, type ConsistentDecoded } from './catConsistent';
