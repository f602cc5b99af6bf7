import { createLayer, getDim, getParam, glorotUniform, inferDim, matMulFast, setParam, tf, type Layer, type Ragged } from '../../engine';
import { bestTagPath, type TagDecoder } from '../crf/decode';
import { splitTag } from '../crf/tagConstraints';

/** Token vectors and one entity-type id per token (0 = O, 1 + i = entity label i, -1 = none). */
export interface TypedTokens {
  tokens: Ragged;
  types: Int32Array;
}

/**
 * Adds a learned vector per entity type to each token vector (spaCy's annotating components, where
 * a later component reads an earlier one's annotation): tokens + onehot(types)·E, E [nTypes, width]
 * inferred from the sample. The one-hot matrix is built in JavaScript; the gradient reaches E only.
 */
export function EntityTypeEmbed(opts: { nTypes: number }): Layer<TypedTokens, Ragged> {
  const onehot = (types: Int32Array, n: number): tf.Tensor2D => {
    const m = new Float32Array(types.length * n);
    types.forEach((k, t) => k >= 0 && (m[t * n + k] = 1));
    return tf.tensor2d(m, [types.length, n]);
  };
  return createLayer<TypedTokens, Ragged>({
    name: 'entityTypes',
    dims: { nTypes: opts.nTypes, nO: undefined },
    init: (layer, sample, rng) => {
      inferDim(layer, 'nO', sample.tokens.data.shape[1]);
      setParam(layer, 'E', glorotUniform([opts.nTypes, getDim(layer, 'nO')], rng));
    },
    forward: (layer, x) => {
      const E = getParam(layer, 'E') as tf.Tensor as tf.Tensor2D;
      return { data: tf.add(x.tokens.data, matMulFast(onehot(x.types, opts.nTypes), E)) as tf.Tensor2D, lengths: x.tokens.lengths };
    },
  });
}

/** Entity-type id of each tag: 0 for 'O', 1 + index of the tag's label in `ents` otherwise. */
export function tagTypeIds(tags: readonly string[], ents: readonly string[]): Int32Array {
  const index = new Map(ents.map((e, i) => [e, i]));
  return Int32Array.from(tags, (tag) => {
    const [prefix, label] = splitTag(tag);
    return prefix === 'O' ? 0 : 1 + index.get(label)!;
  });
}

/** The best valid tag path of every text, decoded as the pipeline decodes (constrained Viterbi, CRF scores when there are), concatenated. */
export function decodePaths(scores: ArrayLike<number>, lengths: readonly number[], decoder: TagDecoder): Int32Array {
  const out = new Int32Array(lengths.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const len of lengths) {
    if (len > 0) out.set(bestTagPath(scores, offset, len, decoder), offset);
    offset += len;
  }
  return out;
}

/**
 * The entity types the textcat sees: the gold tag's type where `useGold` and the tag is known,
 * else the predicted tag's (texts without NER annotation always use the prediction).
 */
export function tokenTypes(predicted: Int32Array, gold: Int32Array | undefined, useGold: boolean, typeOfTag: Int32Array): Int32Array {
  return Int32Array.from(predicted, (p, t) => typeOfTag[useGold && gold && gold[t] >= 0 ? gold[t] : p]);
}
