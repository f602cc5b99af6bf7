import type { Example } from '../../data/types';

/** An entity predicted in a text: UTF-16 char offsets into that text, its label and its text. */
export interface PredictedEntity {
  start: number;
  end: number;
  label: string;
  text: string;
}

/** What a pipeline predicts for one text: category scores in [0, 1] and entities. */
export interface Prediction {
  cats: Record<string, number>;
  ents: PredictedEntity[];
}

/** A trained joint pipeline (NER + textcat) under one scheme. */
export interface Pipeline {
  /** The full, validated config this pipeline was trained with (defaults filled in). */
  readonly config: Record<string, unknown>;
  /** Entity labels and category labels the pipeline knows. */
  readonly labels: { ents: string[]; cats: string[] };
  /** Predicts one text, or an array of texts (an array in, an array out). Synchronous. */
  predict(text: string): Prediction;
  predict(texts: string[]): Prediction[];
  /** Predicts examples: returns copies with `spans` and `cats` replaced by predictions. */
  predictExamples(examples: Example[]): Example[];
  /** Writes the pipeline to one directory (temp dir + rename). */
  save(dir: string): Promise<void>;
  /** Frees the pipeline's tensors. */
  dispose(): void;
}
