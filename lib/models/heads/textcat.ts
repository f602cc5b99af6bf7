import { chain, createLayer, Dense, LayerNorm, Maxout, tf, type ForwardContext, type Layer, type Ragged } from '../../engine';
import { BagOfNgrams, type NgramBatch } from './bagOfNgrams';
import { hasNgramFeatures } from './ngrams';
import { attentionPool, maxPool, meanMaxPool, meanPool } from './pooling';

/** What the text classifier reads: token vectors, and the hashed n-grams when the BOW model is on. */
export interface TextcatInput {
  tokens: Ragged;
  ngrams?: NgramBatch;
  /** `pool(tokens, 'mean+max')` when the caller already has it (reused when pooling is 'mean+max'). */
  meanMax?: tf.Tensor2D;
}

/** How token vectors become one text vector. */
export type Pooling = 'mean+max' | 'mean' | 'max' | 'attention';

/** Options of `TextcatHead`. */
export interface TextcatHeadOptions {
  nCats: number;
  pooling: Pooling;
  /** Width of a maxout hidden layer (+ LayerNorm) on the pooled vector; 0 = linear. */
  hidden: number;
  /** Largest n of the bag-of-ngrams ensemble; 0 = no word n-grams. */
  ngrams: number;
  ngramRows: number;
  /** Longest character n-gram in the bag (2..charNgrams); 0 = none. The BOW model is on when ngrams or charNgrams is. */
  charNgrams?: number;
  /** 'ensemble' (default): pooled token vectors (+ BOW); 'bow': the BOW linear model alone. */
  architecture?: 'ensemble' | 'bow';
  pieces?: number;
}

/** Mean, max, mean+max ([mean ; max]) of each text's token vectors: [nDocs, D or 2D]. */
export function pool(tokens: Ragged, pooling: Exclude<Pooling, 'attention'>): tf.Tensor2D {
  if (pooling === 'mean') return meanPool(tokens);
  if (pooling === 'max') return maxPool(tokens);
  return meanMaxPool(tokens);
}

/**
 * Category logits [nDocs, nCats]: pooled token vectors → (Maxout → LayerNorm)? → Dense, plus the
 * bag-of-ngrams linear model's scores when `ngrams` or `charNgrams` is on (spaCy's TextCatEnsemble, summed in
 * logit space); with `architecture: 'bow'` the BOW model alone. Softmax or sigmoid is applied by
 * the loss and at prediction.
 */
export function TextcatHead(opts: TextcatHeadOptions): Layer<TextcatInput, tf.Tensor2D> {
  const hasBow = hasNgramFeatures(opts);
  if (opts.architecture === 'bow') {
    if (!hasBow) throw new Error('TextcatHead: architecture "bow" needs ngrams > 0 or charNgrams > 0');
    return BowTextcat(opts);
  }
  const attention = opts.pooling === 'attention' ? Dense({ nO: 1 }) : undefined;
  const hidden = opts.hidden > 0 ? chain<tf.Tensor2D, tf.Tensor2D>(Maxout({ nO: opts.hidden, pieces: opts.pieces ?? 3 }), LayerNorm()) : undefined;
  const output = Dense({ nO: opts.nCats });
  const bow = hasBow ? BagOfNgrams({ nO: opts.nCats, rows: opts.ngramRows }) : undefined;
  const pooled = (x: TextcatInput, ctx: ForwardContext): tf.Tensor2D => {
    if (x.meanMax && opts.pooling === 'mean+max') return x.meanMax;
    if (!attention) return pool(x.tokens, opts.pooling as Exclude<Pooling, 'attention'>);
    return attentionPool(x.tokens, attention.forward(x.tokens.data, ctx));
  };
  return createLayer<TextcatInput, tf.Tensor2D>({
    name: 'textcat',
    dims: { nO: opts.nCats },
    layers: [attention, hidden, output, bow].filter((l): l is Layer<any, any> => l !== undefined),
    init: (_layer, sample, rng) => {
      tf.tidy(() => {
        attention?.initialize(sample.tokens.data, rng.fork('attention'));
        const ctx = { isTrain: false, rng };
        let h = pooled(sample, ctx);
        if (hidden) {
          hidden.initialize(h, rng.fork('hidden'));
          h = hidden.forward(h, ctx);
        }
        output.initialize(h, rng.fork('output'));
        bow?.initialize(sample.ngrams ?? { ids: new Int32Array(0), lengths: sample.tokens.lengths.map(() => 0) }, rng.fork('bow'));
      });
    },
    forward: (_layer, x, ctx) => {
      const h = pooled(x, ctx);
      const logits = output.forward(hidden ? hidden.forward(h, ctx) : h, ctx);
      if (!bow) return logits;
      if (!x.ngrams) throw new Error('TextcatHead: the bag-of-ngrams model needs batch n-grams');
      return tf.add(logits, bow.forward(x.ngrams, ctx)) as tf.Tensor2D;
    },
  });
}

/** spaCy's TextCatBOW: category logits from the bag-of-ngrams linear model alone (token vectors unused). */
function BowTextcat(opts: TextcatHeadOptions): Layer<TextcatInput, tf.Tensor2D> {
  const bow = BagOfNgrams({ nO: opts.nCats, rows: opts.ngramRows, normalize: true });
  const empty = (x: TextcatInput): NgramBatch => ({ ids: new Int32Array(0), lengths: x.tokens.lengths.map(() => 0) });
  return createLayer<TextcatInput, tf.Tensor2D>({
    name: 'textcat',
    dims: { nO: opts.nCats },
    layers: [bow],
    init: (_layer, sample, rng) => bow.initialize(sample.ngrams ?? empty(sample), rng.fork('bow')),
    forward: (_layer, x, ctx) => {
      if (!x.ngrams) throw new Error('TextcatHead: the bag-of-ngrams model needs batch n-grams');
      return bow.forward(x.ngrams, ctx);
    },
  });
}
