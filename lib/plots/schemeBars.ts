import type { DataFrame } from 'danfojs-node';
import { check } from '../errors';
import { compareSchemeRows, type CompareOptions, type CompareRow } from '../eval/compareSchemes';
import type { RunRecord } from '../eval/scores';
import { seriesColors } from './colors';
import { escapePlotlyText, panelAxes, panelTitle, axisRef, type Figure, type PlotTrace } from './figure';

/** Anything with a danfojs DataFrame's `columns` / `values` shape (values: one array per row). */
export interface TableLike {
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
}

/** Options of `schemeComparisonBars`. */
export interface SchemeBarsOptions extends CompareOptions {
  title?: string;
  /** Colour per scheme (default: category10 by sorted scheme name). */
  colors?: Record<string, string>;
  /** Zoom the y axes to the bars' CI range instead of starting at 0. */
  zoom?: boolean;
  height?: number;
}

const fmt = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
const stars = (p: number | null | undefined): string => (typeof p !== 'number' ? '' : p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '');

/** What `schemeComparisonBars` plots: runs, comparison rows, or the `compareSchemes` DataFrame. */
export type SchemeBarsInput = readonly RunRecord[] | readonly CompareRow[] | DataFrame | TableLike;

function toRows(input: SchemeBarsInput, opts: SchemeBarsOptions): CompareRow[] {
  if (!Array.isArray(input)) {
    const t = input as TableLike;
    check(Array.isArray(t.columns) && Array.isArray(t.values), 'E506', () => 'expected runs, comparison rows or a DataFrame (columns + values)');
    // danfojs gives a 1-D `values` for a single-column frame: every row must be an array of cells.
    t.values.forEach((vals, i) => check(Array.isArray(vals) && vals.length === t.columns.length, 'E506', () => `table row ${i} does not have one value per column (${t.columns.length})`, { field: 'values' }));
    return (t.values as unknown[][]).map((vals) => Object.fromEntries(t.columns.map((c, i) => [c, vals[i] as string | number | null])));
  }
  if (input.length > 0 && 'scores' in (input[0] as object)) return compareSchemeRows(input as RunRecord[], opts);
  return input as CompareRow[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Grouped bars of scheme means with asymmetric CI error bars, one panel per metric; a p-value vs the
 * baseline shows as stars on the bar (* p<.05, ** p<.01, *** p<.001). Accepts runs (compared with
 * `compareSchemeRows`), comparison rows, or the `compareSchemes` DataFrame.
 */
export function schemeComparisonBars(input: SchemeBarsInput, opts: SchemeBarsOptions = {}): Figure {
  const rows = toRows(input, opts);
  check(rows.length > 0, 'E506', () => 'schemeComparisonBars: no rows to plot');
  const metrics = opts.metrics ?? Object.keys(rows[0]).filter((k) => k.endsWith('_mean')).map((k) => k.slice(0, -5));
  check(metrics.length > 0, 'E506', () => 'schemeComparisonBars: no <metric>_mean columns');
  for (const m of metrics) check(`${m}_mean` in rows[0], 'E506', () => `schemeComparisonBars: no column ${m}_mean`, { field: 'metrics' });
  const groupOf = (r: CompareRow): string =>
    [r.dataset, r.trainSize !== undefined && r.trainSize !== null ? `n=${r.trainSize}` : undefined].filter((x) => x !== undefined && x !== null).join(' ') || 'all';
  const groups = [...new Set(rows.map(groupOf))];
  const schemes = [...new Set(rows.map((r) => String(r.scheme)))];
  const colors = seriesColors(schemes, opts.colors);
  const single = groups.length === 1;
  const axes = panelAxes(metrics.length);
  const data: PlotTrace[] = [];
  const annotations: Record<string, unknown>[] = [];
  metrics.forEach((m, k) => {
    const yKey = `yaxis${k === 0 ? '' : k + 1}`;
    // Scores in [0, 1] get an axis clipped to [0, 1.05]: a wide t interval over few seeds would
    // otherwise stretch it below 0 and above 1. Other metrics (e.g. seconds) keep plotly's autorange.
    const means = rows.map((r) => num(r[`${m}_mean`])).filter((v): v is number => v !== null);
    const bounded = means.every((v) => v >= 0 && v <= 1);
    if (opts.zoom) {
      const vals = rows.flatMap((r) => [num(r[`${m}_low`]) ?? num(r[`${m}_mean`]), num(r[`${m}_high`]) ?? num(r[`${m}_mean`])]).filter((v): v is number => v !== null);
      const lo = Math.min(...vals), hi = Math.max(...vals), pad = Math.max((hi - lo) * 0.2, 0.01);
      axes[yKey].range = bounded ? [Math.max(0, lo - pad), Math.min(1.05, hi + pad)] : [lo - pad, hi + pad];
    } else if (bounded) axes[yKey].range = [0, 1.05];
    const top = (axes[yKey].range as number[] | undefined)?.[1] ?? Infinity;
    for (const scheme of schemes) {
      const mine = groups.map((g) => rows.find((r) => r.scheme === scheme && groupOf(r) === g));
      const present = mine.map((r, i) => [r, i] as const).filter(([r]) => r && num(r[`${m}_mean`]) !== null);
      if (present.length === 0) continue;
      const mean = present.map(([r]) => num(r![`${m}_mean`])!);
      const low = present.map(([r], i) => num(r![`${m}_low`]) ?? mean[i]);
      const high = present.map(([r], i) => num(r![`${m}_high`]) ?? mean[i]);
      const p = present.map(([r]) => num(r![`${m}_p`]));
      const n = present.map(([r]) => num(r!.n_seeds) ?? 0);
      data.push({
        type: 'bar',
        name: escapePlotlyText(scheme),
        legendgroup: scheme,
        showlegend: k === 0,
        x: single ? [escapePlotlyText(scheme)] : present.map(([, i]) => escapePlotlyText(groups[i])),
        y: mean,
        marker: { color: colors[scheme] },
        error_y: { type: 'data', symmetric: false, array: high.map((h, i) => h - mean[i]), arrayminus: low.map((l, i) => mean[i] - l), visible: true, thickness: 1.5, width: 4, color: '#333' },
        // One group: value and stars go above the error bar (annotations below); grouped: inside the bar.
        ...(single ? { textposition: 'none' } : { text: mean.map((v, i) => `${v.toFixed(3)}${stars(p[i])}`), textposition: 'inside', insidetextanchor: 'start' }),
        hovertext: mean.map(
          (v, i) => `${escapePlotlyText(scheme)}<br>${m}: ${fmt(v)} [${fmt(num(present[i][0]![`${m}_low`]))}, ${fmt(num(present[i][0]![`${m}_high`]))}]<br>seeds: ${n[i]}${p[i] === null ? '' : `<br>p vs baseline: ${p[i]!.toPrecision(2)}`}`,
        ),
        hoverinfo: 'text',
        xaxis: axisRef('x', k),
        yaxis: axisRef('y', k),
      });
      if (single) {
        // Above the error bar; when the axis clips it, on the bar top (a white box over the whisker).
        const clipped = high[0] > top;
        annotations.push({
          x: escapePlotlyText(scheme),
          y: clipped ? mean[0] : high[0],
          xref: axisRef('x', k),
          yref: axisRef('y', k),
          text: `${mean[0].toFixed(3)}${stars(p[0])}`,
          showarrow: false,
          yanchor: 'bottom',
          font: { size: 11 },
          ...(clipped ? { bgcolor: 'rgba(255,255,255,0.85)' } : {}),
        });
      }
    }
    axes[yKey].title = { text: k === 0 ? 'score' : '' };
    annotations.push(panelTitle(m, axes[`xaxis${k === 0 ? '' : k + 1}`].domain as number[]));
  });
  check(data.length > 0, 'E506', () => `schemeComparisonBars: every value of ${metrics.join(', ')} is null`);
  const tests = [...new Set(rows.map((r) => r.p_test).filter((t) => typeof t === 'string'))];
  const baseline = rows.find((r) => r.p_test === null && rows.some((o) => o !== r && groupOf(o) === groupOf(r) && o.p_test !== null))?.scheme ?? opts.baseline ?? 'separate';
  // The p-value key goes under the title and the legend to the right: at the bottom both collided
  // with x labels that plotly rotates when many schemes share a panel.
  const key = tests.length > 0 ? escapePlotlyText(`vs ${baseline}: * p<.05, ** p<.01, *** p<.001 (${tests.join(' / ')})`) : undefined;
  return {
    data,
    layout: {
      ...axes,
      title: { text: escapePlotlyText(opts.title ?? 'Schemes compared (mean and 95% CI over seeds)'), ...(key ? { subtitle: { text: key, font: { size: 11, color: '#555' } } } : {}) },
      barmode: single ? 'overlay' : 'group',
      annotations,
      height: opts.height ?? 420,
      margin: { t: key ? 95 : 80 },
    },
  };
}
