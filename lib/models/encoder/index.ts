// The encoder: token attributes (featurizer), their hashed embedding, static vectors and character n-grams, and the CNN encoder, registered here under `encoders`.
import { hashCnnEncoder } from './hashCnn';
import { encoders } from './registry';

encoders.register('hash-cnn', 1, hashCnnEncoder);

export { encoders, type EncoderInput, type EncoderBuilder } from './registry';
export { hashCnnEncoder } from './hashCnn';
export { AttrEmbed, type AttrEmbedOptions, type EmbedInput } from './attrEmbed';
export { StaticVectors, vectorRows } from './staticVectors';
export { CharEmbed, TokenCharHasher, TOKEN_CHAR_MIN } from './charNgrams';
export { remapTokenExtras } from './tokenExtras';
export { ATTRIBUTES, Featurizer, featureSettings, wordShape, type AttrName, type FeatureSettings } from './features';
