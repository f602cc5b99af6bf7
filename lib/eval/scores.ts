// The score objects lib/eval produces and the run records experiments store (spaCy's flat keys).
import type { Example } from '../data/types';
import type { TokenEntityScores } from './tokenEntities';

/** Precision, recall and F1 of one label (or pooled), with the counts behind them; null = undefined. */
export interface PRF {
  /** tp / (tp + fp); null when nothing was predicted. */
  p: number | null;
  /** tp / (tp + fn); null when there is no gold. */
  r: number | null;
  /** 2tp / (2tp + fp + fn); null only when there is neither gold nor prediction. */
  f: number | null;
  tp: number;
  fp: number;
  fn: number;
  /** Number of gold items (tp + fn). */
  support: number;
}

/** Exact-span entity scores (0-1 floats; null when there was nothing to score). */
export interface EntityScores {
  ents_p: number | null;
  ents_r: number | null;
  ents_f: number | null;
  ents_per_type: Record<string, PRF>;
}

/** Confusion counts: exclusive = gold (rows) × argmax (columns); multilabel = per label [[tn, fp], [fn, tp]]. */
export type CatConfusion =
  | { kind: 'exclusive'; labels: string[]; matrix: number[][] }
  | { kind: 'multilabel'; labels: string[]; matrix: [[number, number], [number, number]][] };

/** Text classification scores (0-1 floats; null when undefined, e.g. no category labels). */
export interface CatScores {
  /** spaCy's headline: macro F for exclusive categories, macro AUC for multilabel. */
  cats_score: number | null;
  cats_score_desc: string;
  cats_acc: number | null;
  cats_micro_p: number | null;
  cats_micro_r: number | null;
  cats_micro_f: number | null;
  cats_macro_p: number | null;
  cats_macro_r: number | null;
  cats_macro_f: number | null;
  /** Mean one-vs-rest ROC AUC over labels that have both classes in gold. */
  cats_macro_auc: number | null;
  cats_f_per_type: Record<string, PRF>;
  cats_auc_per_type: Record<string, number | null>;
  cats_confusion: CatConfusion | null;
  /** Whether categories were scored as mutually exclusive (one positive per example). */
  cats_exclusive: boolean;
  /** Examples that had known gold categories (the others are not scored for categories). */
  cats_n_examples: number;
}

/** Everything `evaluate` / `scoreExamples` return: entity, category and whole-example scores. */
export interface Scores extends EntityScores, TokenEntityScores, CatScores {
  /** Fraction of examples with category and all entities right (SLU "sentence accuracy"). */
  sentence_acc: number | null;
  n_examples: number;
  /** Wall-clock seconds of `pipeline.predictExamples` (only from `evaluate`). */
  predict_seconds?: number;
  tokens_per_second?: number;
  /** Document-level entity scores over (label, lower-cased text) sets pooled per `meta.doc`. */
  doc_ents_p?: number | null;
  doc_ents_r?: number | null;
  doc_ents_f?: number | null;
  n_docs?: number;
  /** Examples that carry `meta.doc` (paragraphs of some document). */
  n_paragraphs?: number;
}

/** One epoch (or evaluation step) of training, as the training loop emits it. */
export interface EpochRecord {
  epoch: number;
  step: number;
  /** Summed training loss per component since the previous record, e.g. {ner, textcat}. */
  losses: Record<string, number>;
  /** Dev-set scores at this point, e.g. {ents_f, cats_score}. */
  dev: Record<string, number>;
  tokensPerSecond?: number;
}

/** One trained-and-evaluated run: scheme × seed (× train size × dataset). */
export interface RunRecord {
  scheme: string;
  seed: number;
  trainSize?: number;
  dataset?: string;
  scores: Scores;
  /** Per-example predictions on the shared test set (enables paired bootstrap). */
  predictions?: Example[];
  history?: EpochRecord[];
  configHash?: string;
}
