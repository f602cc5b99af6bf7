import { WorkbenchError } from '../errors';
import { readJsonlEntries } from '../data/jsonl';
import type { PhrasePattern } from './phraseMatcher';

/**
 * Reads a Prodigy / spaCy patterns file (JSONL: `{"label": "CITY", "pattern": "new york"}`, or a
 * token pattern `[{"lower": "new"}, {"lower": "york"}]` whose tokens each give one `lower`, `orth`
 * or `text` string) into phrase patterns for PhraseMatcher. Other token attributes (`pos`, `op`,
 * regexes) cannot be phrase-matched: E804 naming file, line and field.
 */
export async function readPatterns(path: string): Promise<PhrasePattern[]> {
  const out: PhrasePattern[] = [];
  for await (const { value, line } of readJsonlEntries<Record<string, unknown>>(path)) {
    const where = { file: path, line };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new WorkbenchError('E804', 'a pattern line is a JSON object', where);
    const label = value.label;
    if (label !== undefined && typeof label !== 'string') throw new WorkbenchError('E804', `label must be a string, got ${JSON.stringify(label)}`, { ...where, field: 'label' });
    const p = value.pattern;
    let text: string;
    if (typeof p === 'string') text = p;
    else if (Array.isArray(p)) {
      text = p
        .map((tok, i) => {
          const t = (tok ?? {}) as Record<string, unknown>;
          const keys = Object.keys(t).map((k) => k.toLowerCase());
          const v = t.lower ?? t.LOWER ?? t.orth ?? t.ORTH ?? t.text ?? t.TEXT;
          if (keys.length !== 1 || typeof v !== 'string') {
            throw new WorkbenchError('E804', `token ${JSON.stringify(tok)}: only one "lower", "orth" or "text" string per token can be phrase-matched`, { ...where, field: `pattern[${i}]` });
          }
          return v;
        })
        .join(' ');
    } else throw new WorkbenchError('E804', `pattern must be a string or a list of token patterns, got ${JSON.stringify(p)}`, { ...where, field: 'pattern' });
    if (text.trim() === '') throw new WorkbenchError('E804', 'empty pattern', { ...where, field: 'pattern' });
    out.push({ pattern: text, ...(typeof label === 'string' ? { label } : {}), ...(typeof value.id === 'string' ? { id: value.id } : {}) });
  }
  return out;
}
