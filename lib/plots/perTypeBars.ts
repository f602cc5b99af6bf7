import { check } from '../errors';
import type { PRF, Scores } from '../eval/scores';
import { meanCI } from '../eval/stats';
import { seriesColors } from './colors';
import { escapePlotlyText, type Figure, type PlotTrace } from './figure';

/** Options of `perTypeF1Bars`. */
export interface PerTypeOptions {
  /** Which per-type table: entity types (default) or categories. */
  field?: 'ents_per_type' | 'cats_f_per_type';
  /** Which score (default 'f'). */
  metric?: 'p' | 'r' | 'f';
  /** Keep only the `top` types with the most gold support (default: all types). */
  top?: number;
  colors?: Record<string, string>;
  title?: string;
  height?: number;
}

/**
 * Per-type F1 grouped bars, one bar per scheme and type (types ordered by gold support). A scheme
 * may give several Scores (seeds): the bar is their mean with a t CI error bar.
 */
export function perTypeF1Bars(scoresByScheme: Record<string, Scores | readonly Scores[]>, opts: PerTypeOptions = {}): Figure {
  const field = opts.field ?? 'ents_per_type';
  const metric = opts.metric ?? 'f';
  const schemes = Object.keys(scoresByScheme);
  check(schemes.length > 0, 'E506', () => 'perTypeF1Bars: no schemes');
  const runs = (s: string): readonly Scores[] => {
    const v = scoresByScheme[s];
    return Array.isArray(v) ? v : [v as Scores];
  };
  const support = new Map<string, number>();
  for (const s of schemes) for (const sc of runs(s)) for (const [t, prf] of Object.entries(sc[field] ?? {})) support.set(t, (support.get(t) ?? 0) + (prf as PRF).support);
  check(opts.top === undefined || (Number.isInteger(opts.top) && opts.top >= 1), 'E506', () => `perTypeF1Bars: top must be a whole number ≥ 1, got ${opts.top}`, { field: 'top' });
  const ranked = [...support.keys()].sort((a, b) => support.get(b)! - support.get(a)! || a.localeCompare(b));
  check(ranked.length > 0, 'E506', () => `perTypeF1Bars: no types in ${field}`);
  const types = ranked.slice(0, opts.top ?? ranked.length);
  const what = field === 'ents_per_type' ? 'entity type' : 'category';
  const colors = seriesColors(schemes, opts.colors);
  const data: PlotTrace[] = schemes.map((s) => {
    const cis = types.map((t) => meanCI(runs(s).map((sc) => (sc[field]?.[t] as PRF | undefined)?.[metric]).filter((v): v is number => typeof v === 'number')));
    const has = cis.map((c) => c.mean !== null);
    const x = types.filter((_, i) => has[i]).map(escapePlotlyText);
    const kept = cis.filter((_, i) => has[i]);
    return {
      type: 'bar',
      name: escapePlotlyText(s),
      x,
      y: kept.map((c) => c.mean!),
      marker: { color: colors[s] },
      error_y: { type: 'data', symmetric: false, array: kept.map((c) => (c.high ?? c.mean!) - c.mean!), arrayminus: kept.map((c) => c.mean! - (c.low ?? c.mean!)), visible: kept.some((c) => c.low !== null), thickness: 1.5, width: 3 },
      hovertext: kept.map((c, i) => `${escapePlotlyText(s)} · ${x[i]}<br>${metric}: ${c.mean!.toFixed(3)}${c.n > 1 ? ` (${c.n} seeds)` : ''}`),
      hoverinfo: 'text',
    };
  });
  return {
    data,
    layout: {
      title: { text: escapePlotlyText(opts.title ?? `Per-${field === 'ents_per_type' ? 'entity-type' : 'category'} ${metric.toUpperCase()}${metric === 'f' ? '1' : ''} by scheme`) },
      barmode: 'group',
      xaxis: {
        title: { text: types.length < ranked.length ? `${what} (${types.length} of ${ranked.length} with the most gold support)` : field === 'ents_per_type' ? 'entity type (by gold support)' : 'category' },
        type: 'category',
        automargin: true,
      },
      yaxis: { title: { text: metric === 'f' ? 'F1' : metric === 'p' ? 'precision' : 'recall' }, range: [0, 1.05] },
      legend: { orientation: 'h', y: -0.25 },
      height: opts.height ?? 420,
      margin: { t: 70 },
    },
  };
}
