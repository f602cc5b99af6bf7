import {
  chain,
  createLayer,
  Dropout,
  LayerNorm,
  residual,
  SelfAttention,
  WindowConv,
  tf,
  type Layer,
  type Ragged,
  type Rng,
} from '../../engine';
import { WorkbenchError } from '../../errors';
import { AttrEmbed, type EmbedInput } from './attrEmbed';
import type { EncoderBuilder, EncoderInput } from './registry';

/**
 * spaCy's HashEmbedCNN (tok2vec.py): a multi-attribute hash embedding (one hashed table per
 * attribute, concatenated, Maxout → LayerNorm → Dropout; see AttrEmbed) then `depth` ×
 * residual(WindowConv → LayerNorm). Receptive field 2·window·depth + 1 tokens; `attention` > 0 adds
 * residual(SelfAttention → LayerNorm), whose field is the whole text. Ragged in, ragged out: the
 * convolutions spend no compute on padding.
 */
export const hashCnnEncoder: EncoderBuilder = (config, { dropout, name = 'encoder', vectors }) => {
  if (config.vectors !== null && vectors === undefined) {
    throw new WorkbenchError('E407', `encoder.vectors is "${config.vectors}" but no vector table was given to the encoder (trainPipeline and loadPipeline load it)`, { field: 'encoder.vectors' });
  }
  const embed = AttrEmbed({
    width: config.width,
    rows: config.rows,
    widths: config.attrWidths.length ? config.attrWidths : config.rows.map(() => config.width),
    pieces: config.embedPieces,
    dropout,
    ...(config.vectors !== null ? { vectors } : {}),
    ...(config.charNgrams > 0 ? { chars: { rows: config.charRows, width: config.charWidth } } : {}),
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
  // Attention after the convolutions: the CNN has placed each word in its neighbourhood, attention
  // lets it read the rest of the text (a label that depends on a word beyond the receptive field).
  if (config.attention > 0) {
    blocks.push(
      residual<Ragged>(
        chain<Ragged, Ragged>(
          SelfAttention({ heads: config.attention }),
          LayerNorm<Ragged>(),
          ...(dropout > 0 ? [Dropout<Ragged>(dropout)] : []),
        ),
      ),
    );
  }
  const encode = blocks.length ? chain<Ragged, Ragged>(...blocks) : undefined;
  return createLayer<EncoderInput, Ragged>({
    name,
    dims: { nO: config.width },
    layers: encode ? [embed, encode] : [embed],
    init: (_layer, sample, rng) => {
      embed.initialize(embedInput(sample), rng.fork('embed'));
      // The sample's embedding only sets the blocks' widths; tidy frees it (variables survive).
      if (encode) tf.tidy(() => encode.initialize(embedSample(embed, sample, rng), rng.fork('encode')));
    },
    forward: (_layer, x, ctx) => {
      const h: Ragged = { data: embed.forward(embedInput(x), ctx), lengths: x.lengths };
      return encode ? encode.forward(h, ctx) : h;
    },
  });
};

function embedInput(x: EncoderInput): EmbedInput {
  return { keys: x.keys, vectorRows: x.vectorRows, chars: x.chars };
}

function embedSample(embed: Layer<EmbedInput, any>, sample: EncoderInput, rng: Rng): Ragged {
  return { data: embed.forward(embedInput(sample), { isTrain: false, rng }), lengths: sample.lengths };
}
