// The task heads on the token vectors: the tagger, the textcat (pooling, bag of n-grams), the token-level category head and their losses.
export { TaggerHead, taggerDecoder, taggerTransitions, type TaggerInput, type TaggerHeadOptions } from './tagger';
export { TextcatHead, pool, type TextcatInput } from './textcat';
export { TokenCatsHead, tokenCatLoss } from './tokenCats';
