/** A value as a table cell: numbers with `digits` decimals, null/undefined as '-'. */
export function cell(value: unknown, digits = 3): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  return String(value);
}

/** Rows as an aligned plain-text table (header, rule, one line per row; numbers right-aligned). */
export function formatTable(rows: readonly Record<string, unknown>[], opts: { digits?: number; columns?: string[] } = {}): string {
  if (rows.length === 0) return '(none)\n';
  const columns = opts.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => cell(r[c], opts.digits)));
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const line = (values: string[]) => values.map((v, j) => (numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}
