/**
 * The workbench's numbered error catalogue (spaCy's Errors.E### habit): every error a user can
 * trigger has a code, so messages can be searched and tests can match them.
 */
export const Errors = {
  E001: 'Invalid JSON',
  E002: 'Missing or invalid field',
  E003: 'Textcat task without "label": the set looks like NER and textcat tasks mixed',
  E004: 'Span out of range',
  E005: 'Span not on token boundaries',
  E006: 'Overlapping spans',
  E007: 'Invalid option',
  E008: 'Not enough matches',
  E009: 'Unknown config key',
  E010: 'Invalid config value',
  E011: 'Model directory problem',
  E012: 'Unknown registered name',
  E013: 'Data file problem',
  E014: 'Value unset',
} as const;

export type ErrorCode = keyof typeof Errors;

/** Where an error happened: any of file, line (1-based), example index, field. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  index?: number;
  field?: string;
}

/** An error with a catalogue code and a location; its message starts with `[Exxx]` and names the location. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;

  constructor(code: ErrorCode, detail: string, location: ErrorLocation = {}) {
    super(`[${code}] ${Errors[code]}${formatLocation(location)}: ${detail}`);
    this.name = 'WorkbenchError';
    this.code = code;
    this.location = location;
  }
}

function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.line !== undefined ? `${loc.file}:${loc.line}` : loc.file);
  else if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.index !== undefined) parts.push(`example ${loc.index}`);
  if (loc.field !== undefined) parts.push(`field "${loc.field}"`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** tfjs-style lazy assertion: builds the message only when the check fails. */
export function check(cond: unknown, code: ErrorCode, detail: () => string, location?: ErrorLocation): asserts cond {
  if (!cond) throw new WorkbenchError(code, detail(), location);
}
