import { WorkbenchError, type ErrorLocation } from '../errors';
import { inputHash } from './hashes';
import { readJsonlEntries } from './jsonl';
import { tokenize } from './tokenize';
import type { Example, Span, Token } from './types';

/** A Prodigy task as read from JSONL (text, tokens, spans, label, options, accept, answer, meta, hashes). */
export type ProdigyTask = Record<string, unknown>;

/** Which annotation a task carries: NER spans or textcat categories. */
export type ProdigyTaskKind = 'ner' | 'textcat';

/** Options of loadProdigy: how to read every task, or 'auto' to decide per task (see prodigyTaskKind). */
export interface LoadProdigyOptions {
  task: ProdigyTaskKind | 'auto';
}

/** What loading did with the tasks: nothing is dropped without being counted here. */
export interface ProdigyLoadStats {
  /** Tasks read, ignored ones included. */
  tasks: number;
  /** Tasks with answer "ignore", skipped. */
  ignored: number;
  accepted: number;
  rejected: number;
  /** Accepted or rejected tasks read as NER / as textcat. */
  ner: number;
  textcat: number;
  /** Examples built (tasks with the same input hash share one). */
  examples: number;
}

/**
 * Reads Prodigy tasks (a JSONL path, or tasks in memory) into Examples; see TaskMerger for how
 * answers become spans, negSpans and cats, and readProdigy for the counts.
 * Prodigy offsets count Unicode code points (Python strings); they are converted to UTF-16.
 * Tasks without `tokens` are tokenized with `tokenize`. Bad input throws one WorkbenchError naming
 * file and line (or, in memory, the example index) and the field: E001 invalid JSON, E002 missing
 * field, E003 textcat task without label (mixed set), E101 textcat task read as NER (mixed set),
 * E004 span out of range, E005 span off token boundaries, E006 overlapping spans, E104 task of unknown
 * kind (with {task: "auto"}).
 */
export async function loadProdigy(source: string | Iterable<object> | AsyncIterable<object>, opts: LoadProdigyOptions): Promise<Example[]> {
  return (await readProdigy(source, opts)).examples;
}

/** loadProdigy with the counts of tasks read, ignored, accepted and rejected. */
export async function readProdigy(
  source: string | Iterable<object> | AsyncIterable<object>,
  opts: LoadProdigyOptions,
): Promise<{ examples: Example[]; stats: ProdigyLoadStats }> {
  if (opts?.task !== 'ner' && opts?.task !== 'textcat' && opts?.task !== 'auto') {
    throw new WorkbenchError('E007', `task must be 'ner', 'textcat' or 'auto', got ${JSON.stringify(opts?.task)}`, { field: 'task' });
  }
  const merger = new TaskMerger();
  if (typeof source === 'string') {
    for await (const { value, line } of readJsonlEntries<object>(source)) merger.add(value, opts.task, { file: source, line });
  } else {
    let index = 0;
    for await (const task of source as AsyncIterable<object>) merger.add(task, opts.task, { index: index++ });
  }
  const examples = merger.examples();
  return { examples, stats: merger.stats() };
}

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

/**
 * Merges Prodigy tasks into Examples, one per input hash (`_input_hash`, computed when missing),
 * in first-seen order. Rules (the later answer wins when two disagree):
 * - answer "ignore": skipped (counted); a missing answer counts as "accept".
 * - NER accept: its spans join `spans`; an earlier span overlapping a new one is dropped, and the
 *   same span is removed from `negSpans`. NER reject: all its spans go to `negSpans` (binary
 *   ner.teach tasks have one), and leave `spans` if they were there.
 * - textcat binary (`label`): accept → cats[label] = 1, reject → 0.
 * - textcat choice (`options` + `accept`): accept → chosen ids 1, every other option 0 (the
 *   annotator saw them and did not choose them); reject → chosen ids 0, other options unknown.
 * - meta: the first task's meta, plus `_input_hash`, `hasNer` (an accepted NER task was seen, so
 *   `spans` is annotation rather than unknown) and `hasCats` (some category is known).
 * - tokens: the first task's own tokens, else `tokenize(text)`.
 */
export class TaskMerger {
  private readonly groups = new Map<number, Group>();
  private readonly counts: ProdigyLoadStats = { tasks: 0, ignored: 0, accepted: 0, rejected: 0, ner: 0, textcat: 0, examples: 0 };

  /** Adds one task read as `kind` ('auto': decided by prodigyTaskKind); `where` locates errors. */
  add(task: object, kind: ProdigyTaskKind | 'auto', where: ErrorLocation): void {
    this.counts.tasks++;
    const parsed = parseTask(task, kind, where);
    if (!parsed) {
      this.counts.ignored++;
      return;
    }
    this.counts[parsed.answer === 'accept' ? 'accepted' : 'rejected']++;
    this.counts[parsed.kind]++;
    let group = this.groups.get(parsed.hash);
    if (!group) {
      group = new Group(parsed);
      this.groups.set(parsed.hash, group);
    } else if (group.text !== parsed.text) {
      throw new WorkbenchError('E002', `same input hash ${parsed.hash} as an earlier task (${formatWhere(group.where)}) but a different text`, {
        ...where,
        field: '_input_hash',
      });
    }
    group.add(parsed);
  }

  /** The merged Examples, in first-seen order. */
  examples(): Example[] {
    const out = [...this.groups.values()].map((g) => g.toExample());
    this.counts.examples = out.length;
    return out;
  }

  /** Counts so far (examples is set by examples()). */
  stats(): ProdigyLoadStats {
    return { ...this.counts };
  }
}

/** Maps code-point offsets of `text` (Python, Prodigy) to UTF-16 offsets (JavaScript); valid for 0..codePointLength(text). */
export function codePointToUtf16(text: string): (offset: number) => number {
  if (!hasSurrogates(text)) return (offset) => offset;
  const table: number[] = [];
  let u = 0;
  for (const ch of text) {
    table.push(u);
    u += ch.length;
  }
  table.push(u);
  return (offset) => table[offset];
}

/** Maps UTF-16 offsets of `text` to code-point offsets (an offset inside a surrogate pair maps to its code point). */
export function utf16ToCodePoint(text: string): (offset: number) => number {
  if (!hasSurrogates(text)) return (offset) => offset;
  const table = new Array<number>(text.length + 1);
  let cp = 0;
  let u = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) table[u + k] = cp;
    u += ch.length;
    cp++;
  }
  table[u] = cp;
  return (offset) => table[offset];
}

/** Length of `text` in code points (Python's len). */
export function codePointLength(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function hasSurrogates(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}

/** One task, checked and converted to UTF-16. */
interface ParsedTask {
  kind: ProdigyTaskKind;
  answer: 'accept' | 'reject';
  text: string;
  hash: number;
  tokens?: Token[];
  spans: Span[];
  cats: Record<string, number>;
  meta?: Record<string, unknown>;
  where: ErrorLocation;
}

function parseTask(task: object, kind: ProdigyTaskKind | 'auto', where: ErrorLocation): ParsedTask | undefined {
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
  const hash = typeof t._input_hash === 'number' ? t._input_hash : inputHash(t);
  const meta = t.meta !== null && typeof t.meta === 'object' && !Array.isArray(t.meta) ? (t.meta as Record<string, unknown>) : undefined;
  const base = { kind: resolved, answer, text: t.text, hash, meta, where, spans: [], cats: {} } as ParsedTask;
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

function formatWhere(where: ErrorLocation): string {
  if (where.file !== undefined) return where.line !== undefined ? `${where.file}:${where.line}` : where.file;
  return where.index !== undefined ? `example ${where.index}` : 'an earlier task';
}

/** The annotations collected for one input. */
class Group {
  readonly text: string;
  readonly where: ErrorLocation;
  private readonly hash: number;
  private readonly meta?: Record<string, unknown>;
  private tokens?: Token[];
  private tokensFrom?: ErrorLocation;
  private spans: (Span & { from: ErrorLocation })[] = [];
  private negSpans: (Span & { from: ErrorLocation })[] = [];
  private readonly cats: Record<string, number> = {};
  private hasNer = false;
  private hasCats = false;

  constructor(first: ParsedTask) {
    this.text = first.text;
    this.where = first.where;
    this.hash = first.hash;
    this.meta = first.meta;
  }

  add(task: ParsedTask): void {
    if (task.kind === 'textcat') {
      Object.assign(this.cats, task.cats);
      this.hasCats ||= Object.keys(task.cats).length > 0;
      return;
    }
    if (task.tokens && !this.tokens) {
      this.tokens = task.tokens;
      this.tokensFrom = task.where;
    }
    const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end && a.label === b.label;
    for (const span of task.spans) {
      const entry = { ...span, from: task.where };
      if (task.answer === 'accept') {
        this.spans = this.spans.filter((s) => s.end <= span.start || s.start >= span.end);
        this.negSpans = this.negSpans.filter((s) => !same(s, span));
        this.spans.push(entry);
      } else {
        this.spans = this.spans.filter((s) => !same(s, span));
        if (!this.negSpans.some((s) => same(s, span))) this.negSpans.push(entry);
      }
    }
    if (task.answer === 'accept') this.hasNer = true;
  }

  toExample(): Example {
    const tokens = this.tokens ?? tokenize(this.text);
    const starts = new Set(tokens.map((t) => t.start));
    const ends = new Set(tokens.map((t) => t.end));
    const finish = (spans: (Span & { from: ErrorLocation })[]): Span[] =>
      spans
        .map(({ start, end, label, from }) => {
          if (!starts.has(start) || !ends.has(end)) {
            throw new WorkbenchError(
              'E005',
              `span ${JSON.stringify(this.text.slice(start, end))} (${label}) is off the token boundaries of the tokens kept for this text ` +
                `(from ${this.tokensFrom ? formatWhere(this.tokensFrom) : 'tokenize()'}): tasks of the same text disagree on tokens`,
              { ...from, field: 'tokens' },
            );
          }
          return { start, end, label };
        })
        .sort((a, b) => a.start - b.start || a.end - b.end);
    const example: Example = {
      text: this.text,
      tokens,
      spans: finish(this.spans),
      cats: { ...this.cats },
      meta: { ...this.meta, _input_hash: this.hash, hasNer: this.hasNer, hasCats: this.hasCats },
    };
    if (this.negSpans.length) example.negSpans = finish(this.negSpans);
    return example;
  }
}
