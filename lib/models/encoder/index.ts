// The encoder: token attributes (featurizer), their hashed embedding and the CNN encoder, registered here under `encoders`.
import { hashCnnEncoder } from './hashCnn';
import { encoders } from './registry';

encoders.register('hash-cnn', 1, hashCnnEncoder);

export { encoders, type EncoderInput, type EncoderBuilder } from './registry';
export { hashCnnEncoder } from './hashCnn';
export { AttrEmbed, type AttrEmbedOptions } from './attrEmbed';
export { ATTRIBUTES, Featurizer, featureSettings, wordShape, type AttrName, type FeatureSettings } from './features';
