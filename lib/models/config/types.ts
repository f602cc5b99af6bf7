import type { AttrName } from '../encoder/features';
import type { PlainObject } from './schema';

/** Encoder options: hashed multi-attribute embedding → `depth` residual window-CNN blocks. */
export interface EncoderConfig {
  /** Registered encoder architecture; saved configs record the versioned id. */
  architecture: string;
  /** Token vector width. */
  width: number;
  /** Number of residual window-CNN blocks. */
  depth: number;
  /** Neighbours on each side per block; receptive field = 2·window·depth + 1 tokens. */
  window: number;
  /** Token attributes hashed into the embedding, one table each. */
  attrs: AttrName[];
  /** Rows of each attribute's hash table (same length as attrs). */
  rows: number[];
  /** Nonlinearity of the CNN blocks. */
  activation: 'maxout' | 'relu';
  /** Maxout pieces of the CNN blocks (ignored for relu). */
  pieces: number;
  /** Vector width of each attribute's hash table; [] = `width` for every attribute (spaCy). */
  attrWidths: number[];
  /** Maxout pieces of the layer mixing the attribute vectors; 1 = linear. */
  embedPieces: number;
  /**
   * Frozen pretrained word vectors concatenated with the attribute vectors before the mixing layer
   * (spaCy's include_static_vectors): a name ('glove-6b-100d', the default) or a vector file path
   * (see loadVectors), or null for none. Looked up by the lower-cased token; unknown words get a
   * zero row and an OOV flag. No gradient reaches the table; saved pipelines store it.
   */
  vectors: string | null;
  /** Character n-grams (n = 3..charNgrams) of each lower-cased word "<word>", hashed and averaged into one vector per token (fastText's subwords); 0 = off. */
  charNgrams: number;
  /** Hash rows of the character n-gram table. */
  charRows: number;
  /** Vector width of the character n-gram table. */
  charWidth: number;
  /** Heads of a residual self-attention block after the CNN blocks (every token reads its whole text); 0 = none. */
  attention: number;
}

/** Tagger head options. */
export interface TaggerConfig {
  /** Tag scheme for the per-token classes. */
  tagScheme: 'biluo' | 'bio';
  /** 'crf': linear-chain CRF with learned transitions; 'softmax': per-token softmax. Both decode constrained. */
  decoder: 'crf' | 'softmax';
  /** Width of a maxout hidden layer before the tag scores; 0 = linear on the token vectors. */
  hidden: number;
  /** Concatenate the pooled sentence vector to each token vector before the tag layer (intent signal). */
  sentenceVector: boolean;
  /**
   * Exclusive categories: decode category and entities jointly, penalising entity labels unseen with
   * the category in training. 'on': forbidden; 'off': independent decoding; 'auto': whichever of
   * the two scores better on the dev set after training.
   */
  catConsistent: 'auto' | 'on' | 'off';
}

/** Text classifier head options. */
export interface TextcatConfig {
  /** 'auto' picks exclusive (softmax) when every text has at most one positive category, else multilabel (sigmoid). */
  mode: 'auto' | 'exclusive' | 'multilabel';
  /** How token vectors are pooled into a text vector. */
  pooling: 'mean+max' | 'mean' | 'max' | 'attention';
  /** Width of a maxout hidden layer on the pooled vector; 0 = linear. */
  hidden: number;
  /** Adds a bag-of-ngrams linear model (n = 1..ngrams) to the scores, like spaCy's TextCatEnsemble; 0 = off. */
  ngrams: number;
  /** Hash rows of the bag-of-ngrams model. */
  ngramRows: number;
  /** Adds each word's character n-grams (n = 2..charNgrams, of "<word>") to the bag of n-grams; 0 = off. */
  charNgrams: number;
  /**
   * 'ensemble': pooled token vectors (+ the bag-of-ngrams model when on), spaCy's TextCatEnsemble;
   * 'bow': the bag-of-ngrams linear model alone (spaCy's TextCatBOW), the strong choice for a few
   * dozen texts per category. The textcat does not read the encoder then.
   */
  architecture: 'ensemble' | 'bow';
  /**
   * Training loss: 'crossentropy' (softmax for exclusive categories, sigmoid for multilabel) or
   * 'hinge' (one-vs-rest squared hinge on every known category, a linear SVM on 'bow'). Hinge scores
   * are margins: their softmax/sigmoid ranks categories but is not a calibrated probability.
   */
  loss: 'crossentropy' | 'hinge';
  /**
   * L2 penalty ½·L2·‖W‖² on the bag-of-ngrams weights, added to the textcat loss (its gradient goes
   * through Adam, unlike training.L2's decoupled decay). With a few dozen texts it keeps the weights
   * spread over the n-grams a category shares instead of on the few that single out each text.
   */
  L2: number;
}

/** Optimiser and loop options. */
export interface TrainingConfig {
  /**
   * 'standard': the defaults and at least STANDARD_MIN_STEPS optimiser steps; 'small': the small-data
   * settings (lib/models/config/regime.ts) fill every key the user did not set (either adds no step
   * minimum when the config sets `epochs` or `training.minSteps`); 'auto': 'small' for
   * a training set below SMALL_JOINT_MAX_TEXTS texts when some have entities, below
   * SMALL_DATA_MAX_TEXTS when none has, else 'standard'. Trained pipelines save the resolved value.
   */
  regime: 'auto' | 'standard' | 'small';
  /** Linear learning-rate warm-up steps. */
  warmupSteps: number;
  /** Linear decay of the learning rate to 0 over all steps after warm-up. */
  decay: boolean;
  /** Global-norm gradient clipping threshold; 0 = off. */
  gradClip: number;
  /** L2 weight decay (Adam-style, added to gradients). */
  L2: number;
  /** Train at least this many optimiser steps: a small training set gets more epochs than `epochs`; 0 = epochs only. */
  minSteps: number;
  /** Stop when the dev score has not improved for this many epochs; 0 = never stop early. */
  patience: number;
  /** Restore the weights of the epoch with the best dev score at the end. */
  restoreBest: boolean;
  /** Decay of the parameter averages (Polyak averaging) used for dev scoring and the final weights; 0 = off. */
  averageDecay: number;
  /** Texts per prediction batch (dev scoring and predict). */
  predictBatchSize: number;
}

/** The full, validated config of a pipeline (plain JSON; defaults from `defaultConfig()`). A type alias, so it is a Record. */
export type ModelConfig = {
  /** Registered scheme ('shared', 'separate', ...); validated configs hold the versioned id ('shared.v1'). */
  scheme: string;
  /** Options declared by the selected scheme (validated against that scheme's schema). */
  schemeOptions: PlainObject;
  encoder: EncoderConfig;
  heads: { tagger: TaggerConfig; textcat: TextcatConfig };
  /**
   * How predict(text) tokenizes raw text: 'workbench' (spaCy-like rules), 'whitespace' (split on
   * spaces, for models trained on pre-tokenized corpora), or 'auto': training picks the one that
   * reproduces more of the training examples' tokens and saves that name.
   */
  tokenizer: 'auto' | 'workbench' | 'whitespace';
  /** Maximum passes over the training data. */
  epochs: number;
  /** Texts per minibatch (batches are bucketed by length). */
  batchSize: number;
  /** Peak Adam learning rate. */
  learnRate: number;
  /** Dropout rate on token vectors inside the encoder and before the heads. */
  dropout: number;
  /** Seed for initialisation, dropout and shuffling. */
  seed: number;
  /** Loss weights: loss = ner·L_ner + cat·L_cat. */
  weights: { ner: number; cat: number };
  training: TrainingConfig;
};

/** A config as a user may write it: any subset of keys, nested. */
export type ConfigInput = { [K in keyof ModelConfig]?: ModelConfig[K] extends object ? DeepPartial<ModelConfig[K]> : ModelConfig[K] };
type DeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
