import {
  chain,
  createLayer,
  Dense,
  getParam,
  LayerNorm,
  Maxout,
  setParam,
  tf,
  zeros,
  type ForwardContext,
  type Layer,
  type Ragged,
} from '../../engine';
import { crfNll } from '../crf/crfOp';
import { softmaxTagLoss } from './losses';
import { broadcastToTokens } from './pooling';
import type { TagDecoder } from '../crf/decode';
import { crfClassCount, expandTransitions, type CrfStructure, type FactoredCrfParams } from '../crf/factoredCrf';
import type { DocRejectedSpan } from '../crf/factoredLoss';
import type { TagConstraints } from '../crf/tagConstraints';
import type { TransitionScores } from '../crf/viterbi';

/** What the tagger reads: token vectors, and optionally per-text features copied to every token. */
export interface TaggerInput {
  tokens: Ragged;
  /** [nDocs, S] per-text features (e.g. the pooled text vector or category probabilities). */
  context?: tf.Tensor2D;
}

/** Options of `TaggerHead`. */
export interface TaggerHeadOptions {
  /** Number of tags (LabelSet.tags.length). */
  nTags: number;
  /** Width of a maxout hidden layer (+ LayerNorm) before the scores; 0 = linear. */
  hidden: number;
  /** Tag scheme of a class-factored CRF (params 'A', 'S' [C, C], 'start', 'end' [C]); undefined = softmax tagger. */
  crf?: 'biluo' | 'bio';
  /** Maxout pieces of the hidden layer. */
  pieces?: number;
}

/**
 * Per-token tag scores [nTokens, nTags]: [token vector ; context row] → (Maxout → LayerNorm)? →
 * Dense. Without a hidden layer the scores are linear in the concatenation, so the context part
 * is computed once per text and added to its tokens' scores (W·[x; c] = W₁·x + W₂·c): the same
 * function at a fraction of the cost. With `crf`, the layer also owns the class-factored CRF
 * scores (factoredCrf.ts) used by `taggerLoss` and decoding (zero-initialised: training starts
 * from the uniform constrained chain).
 */
export function TaggerHead(opts: TaggerHeadOptions): Layer<TaggerInput, tf.Tensor2D> {
  const hidden = opts.hidden > 0 ? chain<tf.Tensor2D, tf.Tensor2D>(Maxout({ nO: opts.hidden, pieces: opts.pieces ?? 3 }), LayerNorm()) : undefined;
  const output = Dense({ nO: opts.nTags });
  const contextOutput = Dense({ nO: opts.nTags });
  contextOutput.name = 'contextOutput';
  const concatenated = (x: TaggerInput): tf.Tensor2D =>
    x.context ? (tf.concat([x.tokens.data, broadcastToTokens(x.context, x.tokens.lengths)], 1) as tf.Tensor2D) : x.tokens.data;
  const scores = (x: TaggerInput, ctx: ForwardContext): tf.Tensor2D => {
    if (hidden) return output.forward(hidden.forward(concatenated(x), ctx), ctx);
    const own = output.forward(x.tokens.data, ctx);
    return x.context ? (tf.add(own, broadcastToTokens(contextOutput.forward(x.context, ctx), x.tokens.lengths)) as tf.Tensor2D) : own;
  };
  return createLayer<TaggerInput, tf.Tensor2D>({
    name: 'tagger',
    dims: { nO: opts.nTags, crfClasses: opts.crf ? crfClassCount(opts.crf) : 0 },
    layers: hidden ? [hidden, output] : [output, contextOutput],
    init: (layer, sample, rng) => {
      tf.tidy(() => {
        if (hidden) {
          const h = concatenated(sample);
          hidden.initialize(h, rng.fork('hidden'));
          output.initialize(hidden.forward(h, { isTrain: false, rng }), rng.fork('output'));
        } else {
          output.initialize(sample.tokens.data, rng.fork('output'));
          if (sample.context) contextOutput.initialize(sample.context, rng.fork('context'));
        }
      });
      const C = opts.crf ? crfClassCount(opts.crf) : 0;
      if (C > 0) {
        setParam(layer, 'A', zeros([C, C]));
        setParam(layer, 'S', zeros([C, C]));
        setParam(layer, 'start', zeros([C]));
        setParam(layer, 'end', zeros([C]));
      }
    },
    forward: (_layer, x, ctx) => scores(x, ctx),
  });
}

/** Whether a tagger layer has CRF params. */
export function hasCrf(tagger: Layer<TaggerInput, tf.Tensor2D>): boolean {
  return (tagger.dims.crfClasses ?? 0) > 0;
}

// The tag structure a CRF tagger decodes with, set when the model is assembled (the tag set may
// be the scheme's own, known only then).
const structures = new WeakMap<Layer<TaggerInput, tf.Tensor2D>, CrfStructure>();

/** Records the CRF tag structure of a tagger (done by BuildContext.model). */
export function attachCrfStructure(tagger: Layer<TaggerInput, tf.Tensor2D>, structure: CrfStructure): void {
  structures.set(tagger, structure);
}

/** The CRF tag structure of a tagger (undefined for a softmax tagger). */
export function taggerCrfStructure(tagger: Layer<TaggerInput, tf.Tensor2D>): CrfStructure | undefined {
  if (!hasCrf(tagger)) return undefined;
  const s = structures.get(tagger);
  if (!s) throw new Error(`tagger '${tagger.name}' has CRF params but no tag structure; build models with BuildContext.model`);
  return s;
}

/**
 * The tagger's training loss: CRF negative log-likelihood, or softmax cross-entropy; mean per known
 * token. A CRF tagger also learns from rejected spans (−log(1 − P(span)) each); a softmax tagger
 * does not use them.
 */
export function taggerLoss(
  tagger: Layer<TaggerInput, tf.Tensor2D>,
  scores: tf.Tensor2D,
  lengths: number[],
  tags: Int32Array,
  rejected: readonly DocRejectedSpan[] = [],
): tf.Scalar {
  const structure = taggerCrfStructure(tagger);
  if (!structure) return softmaxTagLoss(scores, tags);
  const p = (name: string) => getParam(tagger, name) as tf.Tensor as tf.Tensor2D;
  return crfNll(scores, p('A'), p('S'), p('start') as tf.Tensor as tf.Tensor1D, p('end') as tf.Tensor as tf.Tensor1D, lengths, tags, structure, rejected);
}

/** The factored CRF scores as plain arrays, for decoding (undefined for a softmax tagger). */
export function taggerCrfParams(tagger: Layer<TaggerInput, tf.Tensor2D>): FactoredCrfParams | undefined {
  if (!hasCrf(tagger)) return undefined;
  const read = (name: string) => getParam(tagger, name).dataSync() as Float32Array;
  return { A: read('A'), S: read('S'), start: read('start'), end: read('end') };
}

/**
 * The CRF scores expanded to a full K×K transition matrix with per-tag start/end scores (for the
 * general decoders in viterbi.ts and crf.ts); undefined for a softmax tagger.
 */
export function taggerTransitions(tagger: Layer<TaggerInput, tf.Tensor2D>): TransitionScores | undefined {
  const params = taggerCrfParams(tagger);
  return params ? expandTransitions(params, taggerCrfStructure(tagger)!) : undefined;
}

/** How to decode a tagger's scores: its constraints, plus its CRF structure and scores when it has a CRF. */
export function taggerDecoder(tagger: Layer<TaggerInput, tf.Tensor2D>, constraints: TagConstraints): TagDecoder {
  const params = taggerCrfParams(tagger);
  return params ? { constraints, crf: { structure: taggerCrfStructure(tagger)!, params } } : { constraints };
}

/** Scores ready for Viterbi: log-probabilities for a softmax tagger, raw potentials for a CRF. */
export function decodableScores(tagger: Layer<TaggerInput, tf.Tensor2D>, scores: tf.Tensor2D): tf.Tensor2D {
  return hasCrf(tagger) ? scores : tf.logSoftmax(scores);
}
