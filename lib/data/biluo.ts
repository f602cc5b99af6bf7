import { WorkbenchError, type ErrorLocation } from '../errors';
import { tokenRange } from './align';
import type { Span, Token } from './types';

/**
 * What to do with a span whose edges fall inside a token:
 * 'error' throws E005 naming the example; 'ignore' drops the span (its tokens stay O);
 * 'missing' marks the tokens it touches with '-' (spaCy's "unknown" tag).
 */
export type MisalignedPolicy = 'error' | 'ignore' | 'missing';

/** Options of toBiluo / toBio. */
export interface TagOptions {
  /** Span edges inside a token; default 'error'. */
  misaligned?: MisalignedPolicy;
  /** Index of the example, named in error messages. */
  index?: number;
}

/** Per-token tags in the BILUO scheme (B, I, L, U, O; '-' for unknown tokens). */
export function toBiluo(example: { text?: string; tokens: Token[]; spans: Span[] }, opts: TagOptions = {}): string[] {
  const tags = new Array<string>(example.tokens.length).fill('O');
  for (const [first, last, label] of alignSpans(example, opts, tags)) {
    if (first === last) tags[first] = `U-${label}`;
    else {
      tags[first] = `B-${label}`;
      for (let t = first + 1; t < last; t++) tags[t] = `I-${label}`;
      tags[last] = `L-${label}`;
    }
  }
  return tags;
}

/** Per-token tags in the BIO (IOB2) scheme (B, I, O; '-' for unknown tokens). */
export function toBio(example: { text?: string; tokens: Token[]; spans: Span[] }, opts: TagOptions = {}): string[] {
  const tags = new Array<string>(example.tokens.length).fill('O');
  for (const [first, last, label] of alignSpans(example, opts, tags)) {
    tags[first] = `B-${label}`;
    for (let t = first + 1; t <= last; t++) tags[t] = `I-${label}`;
  }
  return tags;
}

/**
 * Spans from BILUO tags (BIOES's E-/S- accepted as L-/U-). Lenient like seqeval: an I-/L- that
 * does not continue an open entity of its type starts a new one; '-' and O close the open entity.
 * `where` (file, line) is added to error locations.
 */
export function fromBiluo(tokens: Token[], tags: string[], where: ErrorLocation = {}): Span[] {
  return decodeTags(tokens, tags, true, where);
}

/**
 * Spans from BIO tags, IOB1 or IOB2: B-X always starts an entity; I-X continues an open X entity
 * and otherwise starts one (IOB1's "I-X after O", as seqeval does); B-X after I-X starts a new one.
 * `where` (file, line) is added to error locations.
 */
export function fromBio(tokens: Token[], tags: string[], where: ErrorLocation = {}): Span[] {
  return decodeTags(tokens, tags, false, where);
}

/** Which tagging scheme a set of tag sequences uses: BILUO/BIOES if any L-/U-/E-/S- tag appears, else BIO. */
export function tagScheme(sequences: Iterable<string[]>): 'BIO' | 'BILUO' {
  for (const tags of sequences) for (const tag of tags) if (/^[LUES]-/.test(tag)) return 'BILUO';
  return 'BIO';
}

function decodeTags(tokens: Token[], tags: string[], biluo: boolean, where: ErrorLocation): Span[] {
  if (tokens.length !== tags.length) {
    throw new WorkbenchError('E102', `${tags.length} tags for ${tokens.length} tokens`, { ...where, field: 'tags' });
  }
  const spans: Span[] = [];
  let open: Span | undefined;
  const close = () => {
    if (open) spans.push(open);
    open = undefined;
  };
  tags.forEach((tag, i) => {
    if (tag === 'O' || tag === '-' || tag === '') {
      close();
      return;
    }
    const m = /^([BILUES])-(.+)$/.exec(tag);
    if (!m || (!biluo && 'LUES'.includes(m[1]))) {
      throw new WorkbenchError('E102', `unknown tag ${JSON.stringify(tag)} at token ${i}; expected O or ${biluo ? 'B-/I-/L-/U-' : 'B-/I-'}<label>`, {
        ...where,
        field: `tags[${i}]`,
      });
    }
    const [, prefix, label] = m;
    const token = tokens[i];
    const continues = open !== undefined && open.label === label && (prefix === 'I' || prefix === 'L' || prefix === 'E');
    if (continues) open!.end = token.end;
    else {
      close();
      open = { start: token.start, end: token.end, label };
    }
    if (prefix === 'L' || prefix === 'U' || prefix === 'E' || prefix === 'S') close();
  });
  close();
  return spans;
}

/** Token index ranges [first, last] (inclusive) of the spans, in order; checks overlap and alignment. */
function alignSpans(example: { text?: string; tokens: Token[]; spans: Span[] }, opts: TagOptions, tags: string[]): [number, number, string][] {
  const policy = opts.misaligned ?? 'error';
  const { tokens } = example;
  const sorted = [...example.spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const ranges: [number, number, string][] = [];
  let prev: Span | undefined;
  for (const span of sorted) {
    if (prev && span.start < prev.end) {
      throw new WorkbenchError('E006', `${describe(prev, example)} overlaps ${describe(span, example)}; BIO/BILUO tags need non-overlapping spans`, {
        index: opts.index,
        field: 'spans',
      });
    }
    prev = span;
    const { first, last, aligned } = tokenRange(tokens, span.start, span.end);
    if (aligned) {
      ranges.push([first, last, span.label]);
      continue;
    }
    if (policy === 'error') {
      throw new WorkbenchError(
        'E005',
        `${describe(span, example)} does not start and end on token boundaries (tokens: ${tokens
          .slice(first, last + 1)
          .map((t) => JSON.stringify(t.text))
          .join(' ')}); fix the span or pass {misaligned: 'ignore' | 'missing'}`,
        { index: opts.index, field: 'spans' },
      );
    }
    if (policy === 'missing') for (let t = first; t <= last; t++) tags[t] = '-';
  }
  return ranges;
}

function describe(span: Span, example: { text?: string }): string {
  const surface = example.text === undefined ? '' : ` ${JSON.stringify(example.text.slice(span.start, span.end))}`;
  return `span [${span.start}, ${span.end}) ${span.label}${surface}`;
}
