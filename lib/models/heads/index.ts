// The task heads on the token vectors: the tagger, the textcat (pooling, bag of n-grams) and their losses.
export { TaggerHead, taggerDecoder, taggerTransitions, type TaggerInput, type TaggerHeadOptions } from './tagger';
export { TextcatHead, pool, type TextcatInput } from './textcat';
