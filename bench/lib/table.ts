// Markdown tables of bench results.
import type { Summary } from './stats';

/** A table as the bench prints it and stores it in results.json. */
export interface MdTable {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
  /** Notes printed under the table (protocol details, citations). */
  notes?: string[];
}

/** The table as GitHub markdown, with its title as a heading and notes as a list. */
export function markdownTable(t: MdTable): string {
  const cell = (v: string | number | null): string => (v === null ? '–' : String(v).replace(/\|/g, '\\|'));
  const lines = [`### ${t.title}`, '', `| ${t.columns.join(' | ')} |`, `|${t.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of t.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** "median (min–max)" of a summary, scaled (e.g. 100 for percentages); a single run shows its value only. */
export function fmtSummary(s: Summary | null | undefined, scale = 1, digits = 1): string | null {
  if (!s) return null;
  const f = (x: number): string => (x * scale).toFixed(digits);
  return s.n > 1 && s.min !== s.max ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

/** A number with thousands separators, rounded. */
export function fmtInt(x: number | null | undefined): string | null {
  return typeof x === 'number' && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : null;
}
