/** A token of a text: its surface form and UTF-16 character offsets (end exclusive). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** A labelled character span (UTF-16 offsets into Example.text, end exclusive). */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/**
 * One text with its annotations for both tasks.
 * `cats` maps category → 1 (accepted / gold) or 0 (rejected / known negative);
 * a category absent from `cats` is unknown for this text.
 * `negSpans` are spans an annotator rejected (Prodigy binary NER "reject"): known-wrong evidence.
 */
export interface Example {
  text: string;
  tokens: Token[];
  spans: Span[];
  cats: Record<string, number>;
  negSpans?: Span[];
  meta?: ExampleMeta;
}

/** Free-form metadata; the workbench reads these keys when present. */
export interface ExampleMeta {
  /** Document id: paragraphs with the same `doc` form one document (cascade schemes). */
  doc?: string;
  /** Position of the paragraph inside its document. */
  paragraph?: number;
  /** Prodigy-style hashes, when the example came from a Prodigy task. */
  _input_hash?: number;
  _task_hash?: number;
  [key: string]: unknown;
}
