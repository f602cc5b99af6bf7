// The plotly figure spec every builder returns, and a structural check of it (no DOM needed).

/** A plotly trace (the builders use 'bar', 'scatter' and 'heatmap'). */
export type PlotTrace = { type: 'bar' | 'scatter' | 'heatmap'; [key: string]: unknown };

/** A plotly figure spec: traces and layout, JSON-serialisable, passed as is to `Plotly.newPlot`. */
export interface Figure {
  data: PlotTrace[];
  layout: Record<string, unknown>;
}

const KNOWN_TYPES = new Set(['bar', 'scatter', 'heatmap']);

function findBadValues(v: unknown, path: string, out: string[]): void {
  if (v === undefined) out.push(`${path} is undefined`);
  else if (typeof v === 'number' && !Number.isFinite(v)) out.push(`${path} is ${v}`);
  else if (Array.isArray(v)) v.forEach((x, i) => findBadValues(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) findBadValues(x, `${path}.${k}`, out);
}

const len = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : undefined);
const axisKey = (ref: string): string => (ref.startsWith('x') ? 'xaxis' : 'yaxis') + ref.slice(1);

/**
 * Structural problems of a figure (empty = valid): unknown trace types, x/y/text/error arrays of
 * unequal length, heatmap z not |y| × |x|, NaN/Infinity/undefined anywhere, axes referenced by
 * traces (or by other axes' `anchor`/`overlaying`/`matches`) missing from the layout.
 */
export function figureProblems(fig: Figure): string[] {
  const out: string[] = [];
  if (!Array.isArray(fig.data) || fig.data.length === 0) out.push('data: no traces');
  findBadValues(fig, 'figure', out);
  (fig.data ?? []).forEach((t, i) => {
    const at = `data[${i}]`;
    if (!KNOWN_TYPES.has(t.type)) out.push(`${at}.type "${String(t.type)}" unknown`);
    for (const ref of [(t.xaxis as string) ?? 'x', (t.yaxis as string) ?? 'y']) {
      if (!(axisKey(ref) in fig.layout)) out.push(`${at} references ${ref} but layout.${axisKey(ref)} is missing`);
    }
    if (t.type === 'heatmap') {
      const z = t.z as unknown[][];
      if (!Array.isArray(z)) out.push(`${at}.z missing`);
      else {
        if (len(t.y) !== undefined && z.length !== len(t.y)) out.push(`${at}.z has ${z.length} rows for ${len(t.y)} y labels`);
        z.forEach((row, r) => {
          if (len(t.x) !== undefined && len(row) !== len(t.x)) out.push(`${at}.z[${r}] has ${len(row)} values for ${len(t.x)} x labels`);
        });
      }
      return;
    }
    const n = len(t.x);
    if (n === undefined || len(t.y) === undefined) out.push(`${at} needs x and y arrays`);
    else if (n !== len(t.y)) out.push(`${at}: x has ${n} values, y has ${len(t.y)}`);
    for (const key of ['text', 'hovertext', 'customdata']) {
      if (len(t[key]) !== undefined && len(t[key]) !== n) out.push(`${at}.${key} has ${len(t[key])} values for ${n} points`);
    }
    for (const e of ['error_y', 'error_x'] as const) {
      const err = t[e] as Record<string, unknown> | undefined;
      if (!err) continue;
      for (const key of ['array', 'arrayminus']) {
        if (len(err[key]) !== undefined && len(err[key]) !== n) out.push(`${at}.${e}.${key} has ${len(err[key])} values for ${n} points`);
      }
    }
  });
  for (const [key, axis] of Object.entries(fig.layout)) {
    if (!/^[xy]axis\d*$/.test(key) || !axis || typeof axis !== 'object') continue;
    for (const link of ['anchor', 'overlaying', 'matches', 'scaleanchor'] as const) {
      const ref = (axis as Record<string, unknown>)[link];
      if (typeof ref === 'string' && ref !== 'free' && !(axisKey(ref) in fig.layout)) out.push(`layout.${key}.${link} "${ref}" has no layout.${axisKey(ref)}`);
    }
  }
  return out;
}

/** An axis reference ('x', 'x2', ...) for panel k (0-based). */
export const axisRef = (axis: 'x' | 'y', k: number): string => (k === 0 ? axis : `${axis}${k + 1}`);

/** The layout key of an axis reference ('x2' → 'xaxis2'). */
export const axisLayoutKey = (ref: string): string => axisKey(ref);

/**
 * Layout axes for `n` side-by-side (or stacked) panels: each panel k gets its own x/y axes anchored
 * to each other and a slice of the figure as domain, with a gap between panels.
 */
export function panelAxes(n: number, opts: { direction?: 'columns' | 'rows'; gap?: number } = {}): Record<string, Record<string, unknown>> {
  const gap = opts.gap ?? (opts.direction === 'rows' ? 0.12 : 0.08);
  const size = (1 - gap * (n - 1)) / n;
  const out: Record<string, Record<string, unknown>> = {};
  for (let k = 0; k < n; k++) {
    const x = axisRef('x', k);
    const y = axisRef('y', k);
    // Rows are numbered from the top, plotly's domains from the bottom.
    const from = opts.direction === 'rows' ? (n - 1 - k) * (size + gap) : k * (size + gap);
    const domain = [round(from), round(Math.min(1, from + size))];
    out[axisKey(x)] = { anchor: y, ...(opts.direction === 'rows' ? {} : { domain }), automargin: true };
    out[axisKey(y)] = { anchor: x, ...(opts.direction === 'rows' ? { domain } : {}), automargin: true };
  }
  return out;
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** A panel title as a layout annotation centred above a panel's x domain (paper coordinates). */
export function panelTitle(text: string, xDomain: number[], yTop = 1): Record<string, unknown> {
  return {
    text: `<b>${escapePlotlyText(text)}</b>`,
    x: (xDomain[0] + xDomain[1]) / 2,
    y: yTop,
    xref: 'paper',
    yref: 'paper',
    xanchor: 'center',
    yanchor: 'bottom',
    showarrow: false,
    font: { size: 13 },
  };
}

/** Escapes user text for plotly's pseudo-HTML labels (titles, annotations, tick text). */
export function escapePlotlyText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Whether a value looks like a plotly figure spec ({data: [], layout: {}}). */
export function isFigure(x: unknown): x is Figure {
  return typeof x === 'object' && x !== null && Array.isArray((x as Figure).data) && typeof (x as Figure).layout === 'object';
}
