import { WorkbenchError } from '../errors';
import { fewExamples, warn, WorkbenchWarning, type WarningHandler } from '../warnings';
import { tokenRange } from './align';
import { tokenize } from './tokenize';
import type { Example, Span } from './types';

/** Which tokens a loader of a pre-tokenized corpus gives its examples: the corpus's own, or the workbench tokenizer's over the same text. */
export type TokenSource = 'corpus' | 'workbench';

/** Options of the loaders of pre-tokenized corpora (loadSlotIntent, loadConll) about their tokens. */
export interface TokenSourceOptions {
  /**
   * 'corpus' (default): the file's tokens. 'workbench': the text re-tokenized by the workbench
   * tokenizer, gold spans kept in characters and moved onto the new tokens (retokenizeExamples).
   */
  tokens?: TokenSource;
  /** Receives W021/W022 when spans had to be moved or dropped (default: process.emitWarning). */
  onWarning?: WarningHandler;
}

/** What re-tokenizing did to a set of examples. */
export interface RetokenizeStats {
  examples: number;
  /** Examples whose tokens differ from the ones they had. */
  changedTokens: number;
  /** Spans kept as given: their edges are edges of the new tokens. */
  alignedSpans: number;
  /** Spans with an edge inside a new token, widened to that token's edges (W021). */
  snappedSpans: number;
  /** Spans dropped (W022): covering no token, or overlapping an earlier span once widened. */
  droppedSpans: number;
}

/**
 * Gives each example the workbench tokenizer's tokens for its unchanged text and maps its spans
 * (and rejected spans) onto them by character offsets. A span edge inside a new token is moved out
 * to that token's edges (counted, W021); a span that then overlaps an earlier one of the same list,
 * or covers no token, is dropped (counted, W022). Corpora whose tokens are joined by spaces never
 * need either (the workbench tokenizer only splits inside whitespace-separated chunks), but the
 * counts say so rather than assume it. `file` names the source in warnings; examples' meta.line (or
 * their index) names each case.
 */
export function retokenizeExamples(examples: readonly Example[], opts: { file?: string; onWarning?: WarningHandler } = {}): { examples: Example[]; stats: RetokenizeStats } {
  const stats: RetokenizeStats = { examples: examples.length, changedTokens: 0, alignedSpans: 0, snappedSpans: 0, droppedSpans: 0 };
  const snapped: string[] = [];
  const dropped: string[] = [];
  const out = examples.map((eg, i) => {
    const tokens = tokenize(eg.text);
    if (tokens.length !== eg.tokens.length || tokens.some((t, k) => t.start !== eg.tokens[k].start || t.end !== eg.tokens[k].end)) stats.changedTokens++;
    const where = eg.meta?.line !== undefined ? `line ${eg.meta.line}` : `example ${i}`;
    const moveAll = (spans: readonly Span[]): Span[] => {
      const kept: Span[] = [];
      for (const span of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
        const { first, last, aligned } = tokenRange(tokens, span.start, span.end);
        // Only the warnings' examples need the text: built when a span is moved or dropped.
        const surface = (): string => `${where}: ${JSON.stringify(eg.text.slice(span.start, span.end))} (${span.label})`;
        if (first > last) {
          stats.droppedSpans++;
          dropped.push(`${surface()} covers no token`);
          continue;
        }
        const moved = aligned ? span : { ...span, start: tokens[first].start, end: tokens[last].end };
        const prev = kept[kept.length - 1];
        if (prev && moved.start < prev.end) {
          stats.droppedSpans++;
          dropped.push(`${surface()} overlaps ${JSON.stringify(eg.text.slice(prev.start, prev.end))} once on token edges`);
          continue;
        }
        if (aligned) stats.alignedSpans++;
        else {
          stats.snappedSpans++;
          snapped.push(`${surface()} → ${JSON.stringify(eg.text.slice(moved.start, moved.end))}`);
        }
        kept.push(moved);
      }
      return kept;
    };
    const next: Example = { ...eg, tokens, spans: moveAll(eg.spans) };
    if (eg.negSpans) next.negSpans = moveAll(eg.negSpans);
    return next;
  });
  const location = opts.file === undefined ? {} : { file: opts.file };
  if (stats.snappedSpans) {
    warn(new WorkbenchWarning('W021', stats.snappedSpans, `${fewExamples(snapped, stats.snappedSpans)}; widened to the enclosing workbench tokens`, location), opts.onWarning);
  }
  if (stats.droppedSpans) warn(new WorkbenchWarning('W022', stats.droppedSpans, fewExamples(dropped, stats.droppedSpans), location), opts.onWarning);
  return { examples: out, stats };
}

/** Applies a loader's `tokens` option to the examples it read from `file`. */
export function applyTokenSource(examples: Example[], opts: TokenSourceOptions, file: string): Example[] {
  const source = opts.tokens ?? 'corpus';
  if (source === 'corpus') return examples;
  if (source !== 'workbench') {
    throw new WorkbenchError('E706', `tokens must be 'corpus' or 'workbench', got ${JSON.stringify(source)}`, { file, field: 'tokens' });
  }
  return retokenizeExamples(examples, { file, onWarning: opts.onWarning }).examples;
}
