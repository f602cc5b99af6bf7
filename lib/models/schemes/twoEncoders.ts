import type { Layer } from '../../engine';
import type { BuildContext } from './contract';

/** The standard parts of a two-encoder scheme (separate, label-token, soft-cascade). */
export interface TwoEncoderParts {
  nerEncoder: ReturnType<BuildContext['encoder']>;
  /** The textcat's own encoder; undefined when the textcat reads no token vectors (architecture 'bow'). */
  catEncoder: ReturnType<BuildContext['textcatEncoder']>;
  tagger: ReturnType<BuildContext['tagger']>;
  textcat: ReturnType<BuildContext['textcat']>;
  /** `heads.tagger.sentenceVector`: whether the tagger also reads a pooled text vector. */
  sentenceVector: boolean;
  /** Every layer above, for `ModelSpec.layers`. */
  layers: Layer<any, any>[];
}

/**
 * An NER encoder ('nerEncoder'), the textcat's own encoder (named `catEncoder`), a tagger and a
 * textcat head. `catFirst` lists the textcat's encoder and head first (a cascade's first stage):
 * the layer order fixes the order of the params, hence of their saved weights.
 */
export function twoEncoders(ctx: BuildContext, opts: { catEncoder?: string; catFirst?: boolean } = {}): TwoEncoderParts {
  const catName = opts.catEncoder ?? 'catEncoder';
  const sentenceVector = ctx.config.heads.tagger.sentenceVector;
  if (opts.catFirst) {
    const catEncoder = ctx.textcatEncoder(catName);
    const nerEncoder = ctx.encoder('nerEncoder');
    const textcat = ctx.textcat();
    const tagger = ctx.tagger();
    return { nerEncoder, catEncoder, tagger, textcat, sentenceVector, layers: [...(catEncoder ? [catEncoder] : []), nerEncoder, textcat, tagger] };
  }
  const nerEncoder = ctx.encoder('nerEncoder');
  const catEncoder = ctx.textcatEncoder(catName);
  const tagger = ctx.tagger();
  const textcat = ctx.textcat();
  return { nerEncoder, catEncoder, tagger, textcat, sentenceVector, layers: [nerEncoder, ...(catEncoder ? [catEncoder] : []), tagger, textcat] };
}
