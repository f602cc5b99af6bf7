import { WorkbenchError, type ErrorLocation } from '../errors';
import type { ParsedTask } from './prodigyTask';
import { tokenize } from './tokenize';
import type { Example, Span, Token } from './types';

/** Where a task was read, as "file:line", "example i" or "file, example i". */
export function formatWhere(where: ErrorLocation): string {
  const at = where.line !== undefined ? `:${where.line}` : '';
  if (where.file !== undefined) return where.index !== undefined && where.line === undefined ? `${where.file} example ${where.index}` : `${where.file}${at}`;
  return where.index !== undefined ? `example ${where.index}` : 'an earlier task';
}

/**
 * What a conflicting answer changed: a category's value (cats), or the entities (spans: a span
 * accepted then rejected or the reverse, replaced by an overlapping one, "no entities" then entities
 * or the reverse). A task is one or the other (textcat or NER).
 */
export type ConflictKind = 'cats' | 'spans';

/** What a Group reports while merging: answers that changed earlier ones, and accepted spans dropped. */
export interface MergeTally {
  /** An answer read at `where` changed an earlier answer about the same text (called once per task). */
  conflict(description: string, kind: ConflictKind, where: ErrorLocation): void;
  /** An earlier accepted span was removed by a later accepted answer, read at `where`. */
  spanDropped(description: string, where: ErrorLocation): void;
}

type Located<T> = T & { from: ErrorLocation };

const sameSpan = (a: Span, b: Span): boolean => a.start === b.start && a.end === b.end && a.label === b.label;
const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * The annotations collected for one input (one text). Every answer applies to what it shows, and a
 * later answer wins over an earlier one it contradicts; each such change is reported to the tally:
 * - an accepted span replaces earlier accepted spans it overlaps (dropped spans are reported) and
 *   leaves negSpans; a rejected span leaves spans and joins negSpans;
 * - an accepted NER task with no spans says "no entities": it clears the accepted spans so far;
 * - a category answer replaces the earlier value of that category.
 */
export class Group {
  readonly text: string;
  readonly where: ErrorLocation;
  readonly hash: number;
  readonly hashGiven: boolean;
  private readonly meta?: Record<string, unknown>;
  private tokens?: Token[];
  private tokensFrom?: ErrorLocation;
  private spans: Located<Span>[] = [];
  private negSpans: Located<Span>[] = [];
  private readonly cats: Record<string, Located<{ value: number }>> = {};
  /** Where an accepted "no entities" answer (NER accept without spans) was read, if it is the latest NER word. */
  private noEntitiesFrom?: ErrorLocation;
  private hasNer = false;
  private hasCats = false;

  constructor(first: ParsedTask) {
    this.text = first.text;
    this.where = first.where;
    this.hash = first.hash;
    this.hashGiven = first.hashGiven;
    this.meta = first.meta;
  }

  add(task: ParsedTask, tally: MergeTally): void {
    const at = formatWhere(task.where);
    const changes: string[] = [];
    if (task.kind === 'textcat') {
      for (const [label, value] of Object.entries(task.cats)) {
        const old = this.cats[label];
        if (old && old.value !== value) changes.push(`${this.quote()}: category ${label} ${old.value} (${formatWhere(old.from)}) then ${value} (${at})`);
        this.cats[label] = { value, from: task.where };
      }
      this.hasCats ||= Object.keys(task.cats).length > 0;
      if (changes.length) tally.conflict(changes.join('; '), 'cats', task.where);
      return;
    }
    if (task.tokens && !this.tokens) {
      this.tokens = task.tokens;
      this.tokensFrom = task.where;
    }
    const show = (s: Located<Span>): string => `${JSON.stringify(this.text.slice(s.start, s.end))} ${s.label} (${formatWhere(s.from)})`;
    if (task.answer === 'accept' && task.spans.length === 0) {
      for (const s of this.spans) {
        const d = `${show(s)} cleared by an accept with no spans (${at})`;
        tally.spanDropped(d, task.where);
        changes.push(d);
      }
      this.spans = [];
      this.noEntitiesFrom = task.where;
    }
    for (const span of task.spans) {
      const entry = { ...span, from: task.where };
      if (task.answer === 'accept') {
        if (this.noEntitiesFrom) changes.push(`${this.quote()}: no entities (${formatWhere(this.noEntitiesFrom)}) then ${show(entry)}`);
        this.noEntitiesFrom = undefined;
        if (this.spans.some((s) => sameSpan(s, span))) continue;
        for (const s of this.spans.filter((s) => overlaps(s, span))) {
          const d = `${show(s)} replaced by ${show(entry)}`;
          tally.spanDropped(d, task.where);
          changes.push(d);
        }
        const rejected = this.negSpans.find((s) => sameSpan(s, span));
        if (rejected) changes.push(`${show(rejected)} rejected, then accepted (${at})`);
        this.spans = this.spans.filter((s) => !overlaps(s, span));
        this.negSpans = this.negSpans.filter((s) => !sameSpan(s, span));
        this.spans.push(entry);
      } else {
        const accepted = this.spans.find((s) => sameSpan(s, span));
        if (accepted) changes.push(`${show(accepted)} accepted, then rejected (${at})`);
        this.spans = this.spans.filter((s) => !sameSpan(s, span));
        if (!this.negSpans.some((s) => sameSpan(s, span))) this.negSpans.push(entry);
      }
    }
    if (task.answer === 'accept') this.hasNer = true;
    if (changes.length) tally.conflict(changes.join('; '), 'spans', task.where);
  }

  toExample(): Example {
    const tokens = this.tokens ?? tokenize(this.text);
    const starts = new Set(tokens.map((t) => t.start));
    const ends = new Set(tokens.map((t) => t.end));
    const finish = (spans: Located<Span>[]): Span[] =>
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
    const cats: Record<string, number> = {};
    for (const [label, { value }] of Object.entries(this.cats)) cats[label] = value;
    const example: Example = {
      text: this.text,
      tokens,
      spans: finish(this.spans),
      cats,
      meta: { ...this.meta, _input_hash: this.hash, hasNer: this.hasNer, hasCats: this.hasCats },
    };
    if (this.negSpans.length) example.negSpans = finish(this.negSpans);
    return example;
  }

  /** The text, shortened for messages. */
  quote(): string {
    return JSON.stringify(this.text.length > 40 ? `${this.text.slice(0, 40)}…` : this.text);
  }
}
