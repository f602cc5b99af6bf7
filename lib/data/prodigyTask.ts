import { WorkbenchError, type ErrorLocation } from '../errors';
import { inputHash } from './hashes';
import { codePointLength, codePointToUtf16 } from './offsets';
import { tokenize } from './tokenize';
import type { Span, Token } from './types';

// One Prodigy task checked field by field and converted to UTF-16 offsets (the first step of loadProdigy).

/** A Prodigy task as read from JSONL (text, tokens, spans, label, options, accept, answer, meta, hashes). */
export type ProdigyTask = Record<string, unknown>;

/** Which annotation a task carries: NER spans or textcat categories. */
export type ProdigyTaskKind = 'ner' | 'textcat';

/**
 * The kind of a task from its fields: 'textcat' when it has a `label` or `options` with an
 * `accept` list; 'ner' when it has `spans` or `tokens` and neither; 'other' otherwise.
 * (textcat.teach tasks carry pattern `spans` too: the label decides.)
 */
export function prodigyTaskKind(task: object): ProdigyTaskKind | 'other' {
  const t = task as ProdigyTask;
  if (typeof t.label === 'string' || (Array.isArray(t.options) && Array.isArray(t.accept))) return 'textcat';
  if (Array.isArray(t.spans) || Array.isArray(t.tokens)) return 'ner';
  return 'other';
}

/** One task, checked and converted to UTF-16. */
export interface ParsedTask {
  kind: ProdigyTaskKind;
  answer: 'accept' | 'reject';
  text: string;
  /** `_input_hash` as given, else computed (Prodigy's signed 32-bit value). */
  hash: number;
  /** Whether `hash` came from the task's own `_input_hash`. */
  hashGiven: boolean;
  tokens?: Token[];
  spans: Span[];
  cats: Record<string, number>;
  meta?: Record<string, unknown>;
  where: ErrorLocation;
}

/** Checks one task and converts its offsets; undefined for answer "ignore". Errors name `where` and the field. */
export function parseTask(task: object, kind: ProdigyTaskKind | 'auto', where: ErrorLocation): ParsedTask | undefined {
  if (task === null || typeof task !== 'object' || Array.isArray(task)) {
    throw new WorkbenchError('E002', `a task must be a JSON object, got ${JSON.stringify(task)}`, where);
  }
  const t = task as ProdigyTask;
  const answer = t.answer ?? 'accept';
  if (answer !== 'accept' && answer !== 'reject' && answer !== 'ignore') {
    throw new WorkbenchError('E002', `answer must be "accept", "reject" or "ignore", got ${JSON.stringify(t.answer)}`, { ...where, field: 'answer' });
  }
  if (answer === 'ignore') return undefined;
  if (typeof t.text !== 'string') {
    throw new WorkbenchError('E002', `expected a string, got ${JSON.stringify(t.text)}`, { ...where, field: 'text' });
  }
  let resolved: ProdigyTaskKind;
  if (kind === 'auto') {
    const k = prodigyTaskKind(t);
    if (k === 'other') {
      throw new WorkbenchError(
        'E104',
        'the task has neither "spans"/"tokens" (NER) nor "label" or "options" + "accept" (textcat); pass {task: "ner"} or {task: "textcat"} if the whole set is one kind',
        { ...where, field: 'spans' },
      );
    }
    resolved = k;
  } else resolved = kind;
  const hashGiven = typeof t._input_hash === 'number';
  const hash = hashGiven ? (t._input_hash as number) : inputHash(t);
  const meta = t.meta !== null && typeof t.meta === 'object' && !Array.isArray(t.meta) ? (t.meta as Record<string, unknown>) : undefined;
  const base = { kind: resolved, answer, text: t.text, hash, hashGiven, meta, where, spans: [], cats: {} } as ParsedTask;
  if (resolved === 'textcat') base.cats = parseCats(t, answer, where);
  else {
    if (typeof t.label === 'string' || Array.isArray(t.options)) {
      // ner.teach / ner.manual put labels on spans; a top-level label or options is a textcat question.
      throw new WorkbenchError(
        'E101',
        `this task has a top-level ${typeof t.label === 'string' ? `"label" (${JSON.stringify(t.label)})` : '"options"'}, so it is a textcat task. ` +
          'Split the tasks with splitByTask(tasks) and load each part with its own task, load with {task: "auto"}, ' +
          'or export each dataset on its own with `prodigy db-out <dataset>`',
        { ...where, field: typeof t.label === 'string' ? 'label' : 'options' },
      );
    }
    const toUtf16 = codePointToUtf16(t.text);
    const length = codePointLength(t.text);
    if (Array.isArray(t.tokens)) base.tokens = parseTokens(t, t.tokens, toUtf16, length, where);
    base.spans = parseSpans(t, base.tokens ?? tokenize(t.text), toUtf16, length, where);
  }
  return base;
}

function parseCats(t: ProdigyTask, answer: 'accept' | 'reject', where: ErrorLocation): Record<string, number> {
  const cats: Record<string, number> = {};
  if (Array.isArray(t.options)) {
    if (!Array.isArray(t.accept)) {
      throw new WorkbenchError('E002', 'a choice task needs an "accept" list of the chosen option ids', { ...where, field: 'accept' });
    }
    const ids = t.options.map((o, i) => {
      const id = (o as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new WorkbenchError('E002', `option without a string or number "id": ${JSON.stringify(o)}`, { ...where, field: `options[${i}].id` });
      }
      return String(id);
    });
    const chosen = new Set(
      t.accept.map((a, i) => {
        if (!ids.includes(String(a))) {
          throw new WorkbenchError('E002', `accepted id ${JSON.stringify(a)} is not among the option ids ${JSON.stringify(ids)}`, { ...where, field: `accept[${i}]` });
        }
        return String(a);
      }),
    );
    if (answer === 'accept') for (const id of ids) cats[id] = chosen.has(id) ? 1 : 0;
    else for (const id of chosen) cats[id] = 0;
    return cats;
  }
  if (typeof t.label !== 'string' || t.label === '') {
    const looksNer = Array.isArray(t.spans) || Array.isArray(t.tokens);
    throw new WorkbenchError(
      'E003',
      `this task has no "label" (nor "options" + "accept")${looksNer ? ' but has NER "spans"/"tokens"' : ''}. ` +
        'Split the tasks with splitByTask(tasks) and load each part with its own task, load with {task: "auto"}, ' +
        'or export each dataset on its own with `prodigy db-out <dataset>`',
      { ...where, field: 'label' },
    );
  }
  cats[t.label] = answer === 'accept' ? 1 : 0;
  return cats;
}

function parseTokens(t: ProdigyTask, raw: unknown[], toUtf16: (o: number) => number, length: number, where: ErrorLocation): Token[] {
  const text = t.text as string;
  return raw.map((tok, i) => {
    const r = (tok ?? {}) as { text?: unknown; start?: unknown; end?: unknown };
    for (const key of ['start', 'end'] as const) {
      const v = r[key];
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > length) {
        throw new WorkbenchError('E004', `token offset ${JSON.stringify(v)} outside the text's ${length} code points`, { ...where, field: `tokens[${i}].${key}` });
      }
    }
    const start = toUtf16(r.start as number);
    const end = toUtf16(r.end as number);
    const surface = text.slice(start, end);
    if (typeof r.text === 'string' && r.text !== surface) {
      throw new WorkbenchError('E002', `token text ${JSON.stringify(r.text)} differs from the text at its offsets, ${JSON.stringify(surface)}${unitHint(text, r.start as number, r.end as number, r.text)}`, {
        ...where,
        field: `tokens[${i}].text`,
      });
    }
    return { text: surface, start, end };
  });
}

function parseSpans(t: ProdigyTask, tokens: Token[], toUtf16: (o: number) => number, length: number, where: ErrorLocation): Span[] {
  if (t.spans === undefined || t.spans === null) return [];
  if (!Array.isArray(t.spans)) throw new WorkbenchError('E002', `"spans" must be a list, got ${JSON.stringify(t.spans)}`, { ...where, field: 'spans' });
  const text = t.text as string;
  const tokenAtStart = new Map<number, number>();
  const tokenAtEnd = new Map<number, number>();
  tokens.forEach((tok, i) => {
    tokenAtStart.set(tok.start, i);
    tokenAtEnd.set(tok.end, i);
  });
  const spans = t.spans.map((raw, i): Span & { index: number } => {
    const s = (raw ?? {}) as Record<string, unknown>;
    const field = `spans[${i}]`;
    if (typeof s.label !== 'string' || s.label === '') {
      throw new WorkbenchError('E002', `span without a "label": ${JSON.stringify(raw)}`, { ...where, field: `${field}.label` });
    }
    for (const key of ['start', 'end'] as const) {
      if (!Number.isInteger(s[key])) throw new WorkbenchError('E002', `expected an integer offset, got ${JSON.stringify(s[key])}`, { ...where, field: `${field}.${key}` });
    }
    const cpStart = s.start as number;
    const cpEnd = s.end as number;
    if (cpStart < 0 || cpEnd > length || cpStart >= cpEnd) {
      throw new WorkbenchError('E004', `span [${cpStart}, ${cpEnd}) does not fit the text's ${length} code points (need 0 ≤ start < end ≤ ${length})`, {
        ...where,
        field: `${field}.${cpStart < 0 || cpStart >= cpEnd ? 'start' : 'end'}`,
      });
    }
    const start = toUtf16(cpStart);
    const end = toUtf16(cpEnd);
    const surface = text.slice(start, end);
    if (typeof s.text === 'string' && s.text !== surface) {
      throw new WorkbenchError('E002', `span text ${JSON.stringify(s.text)} differs from the text at its offsets, ${JSON.stringify(surface)}${unitHint(text, cpStart, cpEnd, s.text)}`, {
        ...where,
        field: `${field}.text`,
      });
    }
    const first = tokenAtStart.get(start);
    const last = tokenAtEnd.get(end);
    if (first === undefined || last === undefined) {
      const touched = tokens.filter((tok) => tok.end > start && tok.start < end).map((tok) => JSON.stringify(tok.text));
      throw new WorkbenchError(
        'E005',
        `span ${JSON.stringify(surface)} [${cpStart}, ${cpEnd}) ${first === undefined ? 'starts' : 'ends'} inside a token (tokens ${touched.join(' ')})`,
        { ...where, field: `${field}.${first === undefined ? 'start' : 'end'}` },
      );
    }
    for (const [key, expected] of [
      ['token_start', first],
      ['token_end', last],
    ] as const) {
      if (s[key] !== undefined && s[key] !== expected) {
        throw new WorkbenchError('E005', `${key} ${JSON.stringify(s[key])} disagrees with the character offsets, which give token ${expected}`, {
          ...where,
          field: `${field}.${key}`,
        });
      }
    }
    return { start, end, label: s.label, index: i };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < spans.length; k++) {
    const [a, b] = [spans[k - 1], spans[k]];
    if (b.start < a.end) {
      throw new WorkbenchError(
        'E006',
        `spans[${a.index}] ${JSON.stringify(text.slice(a.start, a.end))} (${a.label}) and spans[${b.index}] ${JSON.stringify(text.slice(b.start, b.end))} (${b.label}) overlap`,
        { ...where, field: `spans[${b.index}]` },
      );
    }
  }
  return spans.map(({ start, end, label }) => ({ start, end, label }));
}

/** Explains a text mismatch caused by UTF-16 offsets where code points were expected. */
function unitHint(text: string, start: number, end: number, expected: string): string {
  return text.slice(start, end) === expected ? ' (the offsets look like UTF-16 units; Prodigy offsets count Unicode code points)' : '';
}

