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
  // engine (lib/engine)
  E301: 'Engine not initialised',
  E302: 'Backend unavailable',
  E303: 'Shape mismatch',
  E304: 'Weights file missing',
  E305: 'Weights file corrupt',
  E306: 'Weights do not match the model',
  E101: 'Textcat task read as NER: the set looks like NER and textcat tasks mixed',
  E102: 'Invalid tag sequence',
  E103: 'Parallel files differ in length',
  E104: 'Unknown task type',
  E105: 'Invalid inline entity annotation',
  E106: 'Entity does not match its token indexes',
  // lib/models
  E401: 'Training data unusable for the model',
  E402: 'Exclusive categories need at most one positive category per example',
  E403: 'Model directory file missing or unreadable',
  E404: 'Model file corrupt (size or checksum mismatch)',
  E405: 'Saved files do not match each other',
  E406: 'Pipeline used after dispose()',
  E407: 'Invalid scheme definition',
  // lib/eval, lib/plots
  E501: 'Gold and predicted examples do not align',
  E502: 'Invalid entity for rendering',
  E503: 'Exclusive categories need exactly one positive category per example',
  E504: 'Unknown or non-numeric metric',
  E505: 'Not enough data for the comparison',
  E506: 'Invalid plot input',
  // lib/experiments
  E601: 'Invalid experiment option',
  E602: 'Run file problem',
  E603: 'Pipeline cannot give this uncertainty',
  // lib/data, lib/models: files and records that cannot be read, written or replaced safely
  E015: 'Record cannot be written as JSON',
  E016: 'Refusing to replace a folder the workbench did not write',
  E017: 'Saving the pipeline failed',
  E018: 'Exclusive categories need at least two categories',
  // lib/queue
  E901: 'Cannot reach the job queue',
  E902: 'Invalid queue option',
  E903: 'Queue job rejected',
  E904: 'Queue data missing or corrupt',
  E905: 'Queued runs failed',
  E906: 'Sweep cancelled',
  E907: 'Run child process failed',
  // command line (workbench CLI) and the input files it reads
  E801: 'Input file or folder problem',
  E802: 'Invalid joint example',
  E803: 'Invalid config file',
  E804: 'Invalid patterns file',
  E805: 'Data would not train',
  // lib/vectors (static word vectors)
  E701: 'Vector file unreadable or malformed',
  E702: 'Unknown vector source',
  E703: 'Vector table cache corrupt',
  E704: 'Vector package missing',
  // lib/data: token sources of pre-tokenized corpora
  E706: 'Unknown token source',
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
  /** What was wrong, without the code, title and location the message starts with. */
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, location: ErrorLocation = {}) {
    super(`[${code}] ${Errors[code]}${formatLocation(location)}: ${detail}`);
    this.name = 'WorkbenchError';
    this.code = code;
    this.location = location;
    this.detail = detail;
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
