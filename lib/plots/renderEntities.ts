import { codePointLength, codePointToUtf16 } from '../data/offsets';
import type { Span } from '../data/types';
import { check } from '../errors';
import { entityColor } from './colors';
import { escapeHtml } from './html';

/** Options of `renderEntities`. */
export interface RenderEntitiesOptions {
  /** Background colour per entity label (default: displaCy's palette, hashed pastels otherwise). */
  colors?: Record<string, string>;
  /** A heading above the text. */
  title?: string;
  /** Show at most this many categories (highest scores first; default all). */
  maxCats?: number;
  /** Categories at or above this score are drawn darker (default 0.5). */
  threshold?: number;
  /**
   * What entity offsets count: 'utf16' (default) JavaScript string indices, as in Example spans and
   * predictions; 'codepoint' Unicode code points, as Prodigy and Python write them (they differ
   * after an emoji or any other character outside the Basic Multilingual Plane).
   */
  offsets?: 'utf16' | 'codepoint';
}

const MARK_STYLE = 'padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;';
const LABEL_STYLE = 'font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: 0.5rem; text-transform: lowercase; font-variant: small-caps;';

const textHtml = (s: string): string => escapeHtml(s).replace(/\r?\n/g, '<br>');

/** Checks entities are in range, non-empty, on integer offsets and non-overlapping; returns them sorted. */
function sortedEntities(text: string, ents: readonly Pick<Span, 'start' | 'end' | 'label'>[]): (Pick<Span, 'start' | 'end' | 'label'> & { index: number })[] {
  ents.forEach((e, i) => {
    check(Number.isInteger(e.start) && Number.isInteger(e.end), 'E502', () => `offsets must be integers, got ${e.start}-${e.end}`, { index: i });
    check(e.start >= 0 && e.end <= text.length && e.start < e.end, 'E502', () => `span ${e.start}-${e.end} out of range for a text of length ${text.length}`, { index: i });
    check(typeof e.label === 'string' && e.label.length > 0, 'E502', () => 'empty label', { index: i, field: 'label' });
  });
  const sorted = ents.map((e, index) => ({ ...e, index })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < sorted.length; k++) {
    const [prev, cur] = [sorted[k - 1], sorted[k]];
    check(cur.start >= prev.end, 'E502', () => `entity ${cur.index} (${cur.start}-${cur.end}) overlaps entity ${prev.index} (${prev.start}-${prev.end})`, { index: cur.index });
  }
  return sorted;
}

/** Entities with code-point offsets converted to UTF-16 (checked against the text's code-point length first). */
function toUtf16<E extends Pick<Span, 'start' | 'end' | 'label'>>(text: string, ents: readonly E[]): E[] {
  const length = codePointLength(text);
  const map = codePointToUtf16(text);
  return ents.map((e, i) => {
    check(Number.isInteger(e.start) && Number.isInteger(e.end), 'E502', () => `offsets must be integers, got ${e.start}-${e.end}`, { index: i });
    check(e.start >= 0 && e.end <= length && e.start < e.end, 'E502', () => `span ${e.start}-${e.end} out of range for a text of ${length} code points`, { index: i });
    return { ...e, start: map(e.start), end: map(e.end) };
  });
}

function catsHtml(cats: Record<string, number>, opts: RenderEntitiesOptions): string {
  const threshold = opts.threshold ?? 0.5;
  const entries = Object.entries(cats);
  entries.forEach(([label, score]) => check(Number.isFinite(score), 'E502', () => `category score ${score} is not a number`, { field: `cats.${label}` }));
  const rows = entries
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, opts.maxCats ?? entries.length)
    .map(([label, score]) => {
      const width = (100 * Math.min(1, Math.max(0, score))).toFixed(1);
      const color = score >= threshold ? '#2f6db5' : '#9ab8db';
      return `<div class="wb-cat" style="display: flex; align-items: center; gap: 0.6em; margin: 3px 0;">` +
        `<span class="wb-cat-label" style="flex: 0 0 12em; text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;" title="${escapeHtml(label)}">${escapeHtml(label)}</span>` +
        `<span style="flex: 0 0 14em; background: #eceff3; height: 0.9em; border-radius: 3px;"><span style="display: block; width: ${width}%; height: 100%; background: ${color}; border-radius: 3px;"></span></span>` +
        `<span style="font-variant-numeric: tabular-nums;">${score.toFixed(3)}</span></div>`;
    });
  return `<div class="wb-cats" style="margin-top: 0.8em; font-size: 0.9em;">${rows.join('')}</div>`;
}

/**
 * displaCy-style HTML of a text with its entities (offsets in UTF-16 units unless
 * `opts.offsets` is 'codepoint') (`<mark>` with a colour per label, label in small
 * caps) and an optional category bar (label, bar width = score, highest first). All user text —
 * the text, labels, category names, title — is HTML-escaped. Overlapping or out-of-range entities
 * are an error naming the entity index.
 */
export function renderEntities(
  text: string,
  ents: readonly Pick<Span, 'start' | 'end' | 'label'>[],
  cats?: Record<string, number>,
  opts: RenderEntitiesOptions = {},
): string {
  const offsets = opts.offsets ?? 'utf16';
  check(offsets === 'utf16' || offsets === 'codepoint', 'E502', () => `offsets must be 'utf16' or 'codepoint', got ${JSON.stringify(offsets)}`, { field: 'offsets' });
  const parts: string[] = [];
  let at = 0;
  for (const e of sortedEntities(text, offsets === 'codepoint' ? toUtf16(text, ents) : ents)) {
    parts.push(textHtml(text.slice(at, e.start)));
    const color = escapeHtml(opts.colors?.[e.label] ?? entityColor(e.label));
    parts.push(
      `<mark class="wb-entity" data-label="${escapeHtml(e.label)}" style="background: ${color}; ${MARK_STYLE}">${textHtml(text.slice(e.start, e.end))}` +
        `<span class="wb-entity-label" style="${LABEL_STYLE}">${escapeHtml(e.label)}</span></mark>`,
    );
    at = e.end;
  }
  parts.push(textHtml(text.slice(at)));
  const title = opts.title ? `<div class="wb-render-title" style="font-weight: bold; margin-bottom: 0.3em;">${escapeHtml(opts.title)}</div>` : '';
  const body = `<div class="wb-entities" style="line-height: 2.5; direction: ltr;">${parts.join('')}</div>`;
  const catBlock = cats && Object.keys(cats).length ? catsHtml(cats, opts) : '';
  return `<div class="wb-render" style="font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; margin: 0.5em 0 1em;">${title}${body}${catBlock}</div>`;
}
