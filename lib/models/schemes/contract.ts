import { collectParams, createLayer, tf, type ForwardContext, type Layer, type Ragged, type Rng } from '../../engine';
import { WorkbenchError } from '../../errors';
import type { Example } from '../../data/types';
import type { Batch } from '../inputs/batch';
import type { SectionSpec } from '../config/schema';
import type { ModelConfig } from '../config/types';
import type { PreparedDoc } from '../inputs/doc';
import type { EncoderInput } from '../encoder/registry';
import { encoders } from '../encoder'; // the index: registers the built-in encoder
import type { LabelSet } from '../inputs/labels';
import { catHingeLoss, catLoss, l2Penalty } from '../heads/losses';
import type { Prediction } from '../pipeline/pipeline';
import { crfStructure } from '../crf/factoredCrf';
import { tagConstraints, type TagConstraints } from '../crf/tagConstraints';
import { attachCrfStructure, hasCrf, TaggerHead, taggerLoss, type TaggerHeadOptions, type TaggerInput } from '../heads/tagger';
import { TextcatHead, type TextcatHeadOptions, type TextcatInput } from '../heads/textcat';

/**
 * A scheme: how the NER and textcat parts share (or do not share) parameters and information.
 * Registered once in schemes/index.ts (`registerScheme('shared', 1, sharedScheme)`), selected by name in the config.
 */
export interface SchemeDefinition {
  /** Two lines: what the scheme tests, and which published idea it follows. */
  description: string;
  /** Schema of the scheme's own options (`config.schemeOptions`), with defaults and docs. */
  options?: SectionSpec;
  /** Cross-field checks on the validated config (throw E010 naming the key). */
  validate?(config: ModelConfig): void;
  /**
   * Extends the label set collected from the training data (called once by trainPipeline, before
   * `build`); scheme data goes in `LabelSet.schemeLabels`, which labels.json saves for reloading.
   */
  labels?(labels: LabelSet, train: readonly Example[], config: ModelConfig): LabelSet;
  /** Builds the untrained model (params are created by `initialize` from a sample batch). */
  build(ctx: BuildContext): SchemeModel;
}

/** What a scheme's forward pass returns (all optional: a scheme may predict one task only). */
export interface SchemeOutputs {
  /** Tag scores [nTokens, nTags] (CRF potentials or softmax logits, per the tagger). */
  tagScores?: tf.Tensor2D;
  /** Category logits [nDocs, nCats]. */
  catLogits?: tf.Tensor2D;
  /** Extra loss terms, already weighted, added to the total (e.g. an auxiliary task). */
  losses?: Record<string, tf.Scalar>;
}

/** A built model: a root layer owning every param, a forward pass, a loss and the decoding hooks. */
export interface SchemeModel {
  /** Root of the layer tree; `collectParams(root)` names every trained and saved param. */
  readonly root: Layer<any, any>;
  /** The tagger head whose CRF scores (if any) decode the tag scores. */
  readonly tagger: Layer<TaggerInput, tf.Tensor2D>;
  /** The tag set the tagger scores and decoding uses (`ModelSpec.tagLabels`, default the pipeline's labels). */
  readonly tagLabels: LabelSet;
  /** Transition constraints of `tagLabels`. */
  readonly constraints: TagConstraints;
  /** Creates every param from a sample batch (shapes are inferred, thinc style). */
  initialize(sample: Batch, rng: Rng): void;
  /** Scores of a batch. Call inside tf.tidy. */
  forward(batch: Batch, ctx: ForwardContext): SchemeOutputs;
  /** Training loss: `total` = ner·L_ner + cat·L_cat (+ extra terms); `parts` unweighted, for progress. Call inside tf.tidy. */
  loss(batch: Batch, ctx: ForwardContext, train?: TrainState): { total: tf.Scalar; parts: Record<string, tf.Scalar> };
  /** Adjusts the decoded predictions of one predict call (all texts at once, e.g. grouping by meta.doc). */
  postprocess?(docs: PreparedDoc[], predictions: Prediction[]): Prediction[];
}

/** Where training stands when a loss is computed (passed by the training loop). */
export interface TrainState {
  /** 1-based epoch. */
  epoch: number;
}

/** Runs layers inside a scheme's forward pass; during `initialize` it creates each layer's params on first use. */
export interface Runner {
  /** Runs `layer` on `x` (initialising it first when the model is being initialised). */
  run<I, O>(layer: Layer<I, O>, x: I): O;
  readonly batch: Batch;
  readonly ctx: ForwardContext;
  /** The training epoch (1-based) when called from the training loop's loss; undefined when predicting. */
  readonly epoch: number | undefined;
  /** True during `initialize` (every listed layer must run, whatever the scheme would skip). */
  readonly initializing: boolean;
  /** The batch as encoder input (token keys and lengths). */
  readonly encoderInput: EncoderInput;
  /** The tagger input for token vectors, with optional per-text context rows. */
  taggerInput(tokens: Ragged, context?: tf.Tensor2D): TaggerInput;
  /**
   * The textcat input for token vectors (adds the batch's n-grams). Without tokens (a textcat that
   * does not read them: `ctx.textcatEncoder` gave none) the vectors are a zero-width stand-in.
   */
  textcatInput(tokens: Ragged | undefined): TextcatInput;
}

/** What `SchemeDefinition.build` gets: the config, the labels and builders for the standard parts. */
export interface BuildContext {
  readonly config: ModelConfig;
  readonly labels: LabelSet;
  readonly constraints: TagConstraints;
  /** A new encoder from `config.encoder` (call twice for two independent encoders; names must differ). */
  encoder(name?: string): Layer<EncoderInput, Ragged>;
  /**
   * An encoder for the textcat alone, or undefined when the textcat does not read token vectors
   * (`heads.textcat.architecture: 'bow'`): a scheme then neither builds nor runs it.
   */
  textcatEncoder(name: string): Layer<EncoderInput, Ragged> | undefined;
  /** A new tagger head from `config.heads.tagger`, with optional overrides. */
  tagger(overrides?: Partial<TaggerHeadOptions>): Layer<TaggerInput, tf.Tensor2D>;
  /** A new textcat head from `config.heads.textcat`, with optional overrides. */
  textcat(overrides?: Partial<TextcatHeadOptions>): Layer<TextcatInput, tf.Tensor2D>;
  /** Assembles a model from its layers and a forward function (the usual way to finish `build`). */
  model(spec: ModelSpec): SchemeModel;
}

/** What `BuildContext.model` assembles. */
export interface ModelSpec {
  /** Every component (encoders and heads); their names prefix the param names, so they must differ. */
  layers: Layer<any, any>[];
  /** The tagger head (for CRF decoding). */
  tagger: Layer<TaggerInput, tf.Tensor2D>;
  /** The forward pass: run layers with `r.run(layer, input)`. */
  forward(r: Runner): SchemeOutputs;
  postprocess?(docs: PreparedDoc[], predictions: Prediction[]): Prediction[];
  /**
   * The scheme's own tag set when the tagger does not score `ctx.labels.tags` (e.g. CAT_ENT labels):
   * the NER loss and decoding use it, and decoded entities carry its labels until `postprocess`
   * maps them back to `ctx.labels.ents`.
   */
  tagLabels?: LabelSet;
  /** Gold tag ids (in `tagLabels`) the NER loss uses instead of `batch.tags` (re-labelled, or -1 to mask). */
  nerTargets?(batch: Batch): Int32Array;
}

/** The BuildContext of a config and label set. */
export function buildContext(config: ModelConfig, labels: LabelSet): BuildContext {
  const constraints = tagConstraints(labels.tags, labels.tagScheme);
  const t = config.heads.tagger;
  const c = config.heads.textcat;
  const ctx: BuildContext = {
    config,
    labels,
    constraints,
    encoder: (name = 'encoder') => encoders.get(config.encoder.architecture, 'encoder.architecture').item(config.encoder, { dropout: config.dropout, name }),
    textcatEncoder: (name) => (c.architecture === 'bow' ? undefined : ctx.encoder(name)),
    tagger: (o = {}) => TaggerHead({ nTags: labels.tags.length, hidden: t.hidden, crf: t.decoder === 'crf' ? labels.tagScheme : undefined, pieces: config.encoder.pieces, ...o }),
    textcat: (o = {}) =>
      TextcatHead({
        nCats: Math.max(1, labels.cats.length),
        pooling: c.pooling,
        hidden: c.hidden,
        ngrams: c.ngrams,
        ngramRows: c.ngramRows,
        charNgrams: c.charNgrams,
        architecture: c.architecture,
        pieces: config.encoder.pieces,
        ...o,
      }),
    model: (spec) => assembleModel(ctx, spec),
  };
  return ctx;
}

function assembleModel(ctx: BuildContext, spec: ModelSpec): SchemeModel {
  const names = spec.layers.map((l) => l.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new WorkbenchError('E407', `two components are named "${dup}"; give each encoder/head its own name`);
  const root = createLayer<Batch, SchemeOutputs>({
    name: 'model',
    layers: spec.layers,
    forward: () => {
      throw new Error('call SchemeModel.forward, not root.forward');
    },
  });
  const { config, labels } = ctx;
  const tagLabels = spec.tagLabels ?? labels;
  const constraints = spec.tagLabels ? tagConstraints(tagLabels.tags, tagLabels.tagScheme) : ctx.constraints;
  if (hasCrf(spec.tagger)) attachCrfStructure(spec.tagger, crfStructure(tagLabels.tags, constraints, tagLabels.tagScheme));
  const runner = (batch: Batch, fctx: ForwardContext, init?: { rng: Rng; done: Set<Layer<any, any>> }, train?: TrainState): Runner => ({
    batch,
    ctx: fctx,
    epoch: train?.epoch,
    initializing: init !== undefined,
    encoderInput: { keys: batch.keys, lengths: batch.lengths },
    run: (layer, x) => {
      if (init && !init.done.has(layer)) {
        layer.initialize(x, init.rng.fork(layer.name));
        init.done.add(layer);
      }
      return layer.forward(x, fctx);
    },
    taggerInput: (tokens, context) => ({ tokens, context }),
    textcatInput: (tokens) => ({ tokens: tokens ?? { data: tf.zeros([batch.nTokens, 0]) as tf.Tensor2D, lengths: batch.lengths }, ngrams: batch.ngrams }),
  });
  const model: SchemeModel = {
    root,
    tagger: spec.tagger,
    tagLabels,
    constraints,
    initialize(sample, rng) {
      const done = new Set<Layer<any, any>>();
      tf.tidy(() => {
        spec.forward(runner(sample, { isTrain: false, rng: rng.fork('sample') }, { rng, done }));
      });
      const missing = spec.layers.filter((l) => !done.has(l)).map((l) => l.name);
      if (missing.length) throw new WorkbenchError('E407', `the forward pass never ran ${missing.join(', ')}; every listed layer must be used`);
    },
    forward: (batch, fctx) => spec.forward(runner(batch, fctx)),
    loss(batch, fctx, train) {
      const out = spec.forward(runner(batch, fctx, undefined, train));
      const parts: Record<string, tf.Scalar> = {};
      let total: tf.Scalar = tf.scalar(0);
      if (out.tagScores && batch.tags && labels.ents.length > 0) {
        const targets = spec.nerTargets ? spec.nerTargets(batch) : batch.tags;
        // Rejected spans are in the plain tag set: schemes that re-label or mask the targets leave them out.
        parts.ner = taggerLoss(spec.tagger, out.tagScores, batch.lengths, targets, spec.nerTargets ? [] : batch.rejected);
        total = tf.add(total, tf.mul(parts.ner, config.weights.ner));
      }
      if (out.catLogits && batch.cats && batch.catMask && labels.cats.length > 0) {
        const lossOf = config.heads.textcat.loss === 'hinge' ? catHingeLoss : catLoss;
        parts.cat = lossOf(out.catLogits, batch.cats, batch.catMask, labels.exclusive);
        total = tf.add(total, tf.mul(parts.cat, config.weights.cat));
        if (config.heads.textcat.L2 > 0) {
          parts.cat_L2 = l2Penalty(bagOfNgramsWeights(root), config.heads.textcat.L2);
          total = tf.add(total, tf.mul(parts.cat_L2, config.weights.cat));
        }
      }
      for (const [name, value] of Object.entries(out.losses ?? {})) {
        parts[name] = value;
        total = tf.add(total, value);
      }
      return { total, parts };
    },
    postprocess: spec.postprocess,
  };
  return model;
}

/** The weight tables of every bag-of-ngrams model in a layer tree (what heads.textcat.L2 penalises). */
function bagOfNgramsWeights(root: Layer<any, any>): tf.Variable[] {
  return [...collectParams(root)].filter(([name]) => /(^|\/)bagOfNgrams\/W$/.test(name)).map(([, v]) => v);
}
