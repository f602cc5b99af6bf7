import { check } from '../errors';

/** A danfojs DataFrame, or anything with its `columns` / `values` shape. */
export interface Tabular {
  columns: string[];
  values: unknown[][] | unknown[];
}

/** Options of `tableHtml`. */
export interface TableHtmlOptions {
  /** Caption above the table (escaped). */
  caption?: string;
  /** Decimals for non-integer numbers (default 3). */
  digits?: number;
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cell(v: unknown, decimals: number | undefined): { text: string; numeric: boolean } {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: decimals === undefined ? v.toLocaleString('en-US') : v.toFixed(decimals), numeric: true };
  return { text: escape(String(v)), numeric: false };
}

/**
 * An HTML table of a DataFrame or row objects, for `show(tableHtml(df))` in a notebook (danfojs has
 * no HTML output): header from the columns, numbers right-aligned, every value escaped. A column
 * holding any non-integer number shows all its numbers with `digits` decimals; integers get separators.
 */
export function tableHtml(table: Tabular | readonly Record<string, unknown>[], opts: TableHtmlOptions = {}): string {
  const digits = opts.digits ?? 3;
  let columns: string[];
  let rows: unknown[][];
  if (Array.isArray(table)) {
    const records = table as readonly Record<string, unknown>[];
    columns = records.length ? Object.keys(records[0]) : [];
    rows = records.map((r) => columns.map((c) => r[c]));
  } else {
    const t = table as Tabular;
    check(Array.isArray(t.columns) && Array.isArray(t.values), 'E007', () => 'tableHtml: expected a DataFrame ({columns, values}) or an array of rows');
    columns = t.columns;
    // danfojs gives a 1-D `values` for a one-column frame.
    rows = (t.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
  }
  const style = 'border-collapse: collapse; font: 13px/1.4 system-ui, sans-serif; margin: 0.5em 0;';
  const th = 'border-bottom: 2px solid #444; padding: 4px 10px; text-align: left;';
  const td = (numeric: boolean): string => `border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: ${numeric ? 'right' : 'left'};`;
  const caption = opts.caption ? `<caption style="text-align: left; font-weight: 600; padding-bottom: 4px; white-space: nowrap;">${escape(opts.caption)}</caption>` : '';
  const head = `<tr>${columns.map((c) => `<th style="${th}">${escape(String(c))}</th>`).join('')}</tr>`;
  const fractional = columns.map((_, j) => rows.some((r) => typeof r[j] === 'number' && !Number.isInteger(r[j])));
  const body = rows
    .map((r) => `<tr>${r.map((v, j) => cell(v, fractional[j] ? digits : undefined)).map((c) => `<td style="${td(c.numeric)}">${c.text}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="wb-table" style="${style}">${caption}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table>`;
}
