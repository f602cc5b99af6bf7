/**
 * The workbench's numbered warning catalogue (spaCy's Warnings.W### habit): something the user gave
 * was used, but not as given (a span replaced, a conflict resolved, a label with no negatives).
 * Every warning is also counted in the stats of the call that raised it, so nothing is changed
 * silently; the warning itself is for the eye (and for tests, through `onWarning`).
 */
import type { ErrorLocation } from './errors';

export const Warnings = {
  // lib/data, lib/models: data taken differently from how it was given (helper i14's range)
  W015: 'A later accepted span replaced an earlier overlapping span of the same text',
  W016: 'Annotations of the same text disagree; the later answer was kept',
  W017: 'Tasks with the same text carry different _input_hash values',
  W018: 'A category has no negative examples',
  W019: 'A category is in the evaluation data but not in the training data',
  W020: 'Spans not on token boundaries',
  // lib/data: a pre-tokenized corpus re-tokenized by the workbench tokenizer
  W021: 'Span edges inside a token were moved to the edges of the enclosing tokens',
  W022: 'Spans were dropped when re-tokenizing',
} as const;

export type WarningCode = keyof typeof Warnings;

/** A warning with a catalogue code, a count of the cases it covers and a few examples of them. */
export class WorkbenchWarning extends Error {
  readonly code: WarningCode;
  readonly count: number;
  readonly location: ErrorLocation;

  constructor(code: WarningCode, count: number, detail: string, location: ErrorLocation = {}) {
    super(`[${code}] ${Warnings[code]} (${count} ${count === 1 ? 'case' : 'cases'}): ${detail}`);
    this.name = 'WorkbenchWarning';
    this.code = code;
    this.count = count;
    this.location = location;
  }
}

/** Where warnings go: a callback, or (the default) Node's `process.emitWarning`. */
export type WarningHandler = (warning: WorkbenchWarning) => void;

/**
 * Raises a warning: to `handler` when given (tests, notebooks that collect them), else through
 * `process.emitWarning`, which prints once to stderr and can be observed with `process.on('warning')`.
 */
export function warn(warning: WorkbenchWarning, handler?: WarningHandler): void {
  if (handler) handler(warning);
  else process.emitWarning(warning);
}

/** Up to `n` items of `xs` joined with "; ", followed by "; …" when there were more. */
export function fewExamples(xs: readonly string[], total: number, n = 3): string {
  return xs.slice(0, n).join('; ') + (total > n ? `; … (${total - n} more)` : '');
}
