// Structured decoding of tags: tag constraints, the CRF and factored CRF, Viterbi (exact and label-pruned), entity and category-consistent decoding.
export { tagConstraints, isValidSequence, type TagConstraints } from './tagConstraints';
export { viterbi, type TransitionScores } from './viterbi';
export { crfStructure, factoredViterbi, expandTransitions, type CrfStructure, type FactoredCrfParams } from './factoredCrf';
export { decodeEntities, type TagDecoder } from './decode';
export { catEntityLabels, decodeConsistent, pathScore, type ConsistentDecoded } from './catConsistent';
