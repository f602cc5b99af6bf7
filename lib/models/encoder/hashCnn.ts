import {
  chain,
  createLayer,
  Dropout,
  LayerNorm,
  residual,
  WindowConv,
  type HashKeys,
  tf,
  type Layer,
  type Ragged,
  type Rng,
} from '../../engine';
import { AttrEmbed } from './attrEmbed';
import type { EncoderBuilder, EncoderInput } from './registry';

/**
 * spaCy's HashEmbedCNN (tok2vec.py): a multi-attribute hash embedding (one hashed table per
 * attribute, concatenated, Maxout → LayerNorm → Dropout; see AttrEmbed) then `depth` ×
 * residual(WindowConv → LayerNorm). Receptive field 2·window·depth + 1 tokens. Ragged in, ragged
 * out: no compute is spent on padding.
 */
export const hashCnnEncoder: EncoderBuilder = (config, { dropout, name = 'encoder' }) => {
  const embed = AttrEmbed({
    width: config.width,
    rows: config.rows,
    widths: config.attrWidths.length ? config.attrWidths : config.rows.map(() => config.width),
    pieces: config.embedPieces,
    dropout,
  });
  const blocks = Array.from({ length: config.depth }, () =>
    residual<Ragged>(
      chain<Ragged, Ragged>(
        WindowConv<Ragged>({ window: config.window, nO: config.width, pieces: config.pieces, activation: config.activation }),
        LayerNorm<Ragged>(),
        ...(dropout > 0 ? [Dropout<Ragged>(dropout)] : []),
      ),
    ),
  );
  const encode = blocks.length ? chain<Ragged, Ragged>(...blocks) : undefined;
  return createLayer<EncoderInput, Ragged>({
    name,
    dims: { nO: config.width },
    layers: encode ? [embed, encode] : [embed],
    init: (_layer, sample, rng) => {
      embed.initialize(sample.keys, rng.fork('embed'));
      // The sample's embedding only sets the blocks' widths; tidy frees it (variables survive).
      if (encode) tf.tidy(() => encode.initialize(embedSample(embed, sample, rng), rng.fork('encode')));
    },
    forward: (_layer, x, ctx) => {
      const h: Ragged = { data: embed.forward(x.keys, ctx), lengths: x.lengths };
      return encode ? encode.forward(h, ctx) : h;
    },
  });
};

function embedSample(embed: Layer<HashKeys, any>, sample: EncoderInput, rng: Rng): Ragged {
  return { data: embed.forward(sample.keys, { isTrain: false, rng }), lengths: sample.lengths };
}
