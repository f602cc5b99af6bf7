// Colours: displaCy's entity palette for known labels, hashed pastels otherwise; a categorical palette for series.

/** displaCy's default entity colours (spaCy's OntoNotes labels; PER/MISC for CoNLL-style data). */
export const ENTITY_COLORS: Readonly<Record<string, string>> = {
  ORG: '#7aecec',
  PRODUCT: '#bfeeb7',
  GPE: '#feca74',
  LOC: '#ff9561',
  PERSON: '#aa9cfc',
  PER: '#aa9cfc',
  NORP: '#c887fb',
  FAC: '#9cc9cc',
  FACILITY: '#9cc9cc',
  EVENT: '#ffeb80',
  LAW: '#ff8197',
  LANGUAGE: '#ff8197',
  WORK_OF_ART: '#f0d0ff',
  DATE: '#bfe1d9',
  TIME: '#bfe1d9',
  MONEY: '#e4e7d2',
  QUANTITY: '#e4e7d2',
  ORDINAL: '#e4e7d2',
  CARDINAL: '#e4e7d2',
  PERCENT: '#e4e7d2',
  MISC: '#d4c4f0',
};

/** 32-bit FNV-1a hash of a string (stable across runs and platforms). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The background colour of an entity label: displaCy's for known labels, a stable hashed pastel otherwise. */
export function entityColor(label: string): string {
  const known = ENTITY_COLORS[label] ?? ENTITY_COLORS[label.toUpperCase()];
  if (known) return known;
  const h = hashString(label);
  return `hsl(${h % 360}, ${55 + ((h >>> 9) % 25)}%, ${78 + ((h >>> 17) % 8)}%)`;
}

/** A categorical palette for series (schemes, strategies): D3's category10. */
export const SERIES_COLORS: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** Colours for named series: given ones first, the rest by position in the sorted names (stable across figures). */
export function seriesColors(names: readonly string[], given: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  [...new Set(names)].sort().forEach((name, i) => (out[name] = given[name] ?? SERIES_COLORS[i % SERIES_COLORS.length]));
  return out;
}

/** A '#rrggbb' colour as 'rgba(r, g, b, alpha)' (for CI bands). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}
