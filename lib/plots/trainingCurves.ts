import { check } from '../errors';
import type { EpochRecord } from '../eval/scores';
import { seriesColors } from './colors';
import { escapePlotlyText, panelAxes, panelTitle, type Figure, type PlotTrace } from './figure';

/** Options of `trainingCurves`. */
export interface TrainingCurvesOptions {
  /** x axis: 'epoch' (default) or 'step'. */
  x?: 'epoch' | 'step';
  /** Loss components to plot (default: all seen). */
  losses?: string[];
  /** Dev scores to plot (default: all seen). */
  dev?: string[];
  /** Log-scaled loss axis (default false). */
  logLoss?: boolean;
  colors?: Record<string, string>;
  title?: string;
  height?: number;
}

const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];

/**
 * Training losses (top panel) and dev scores (bottom panel) per epoch or step. Takes one history or
 * `{scheme: history}`; colour = scheme, dash style = loss component / dev metric.
 */
export function trainingCurves(history: readonly EpochRecord[] | Record<string, readonly EpochRecord[]>, opts: TrainingCurvesOptions = {}): Figure {
  const series: [string, readonly EpochRecord[]][] = Array.isArray(history) ? [['run', history]] : Object.entries(history as Record<string, readonly EpochRecord[]>);
  check(series.some(([, h]) => h.length > 0), 'E506', () => 'trainingCurves: empty history');
  const xKey = opts.x ?? 'epoch';
  const lossNames = opts.losses ?? [...new Set(series.flatMap(([, h]) => h.flatMap((r) => Object.keys(r.losses))))];
  const devNames = opts.dev ?? [...new Set(series.flatMap(([, h]) => h.flatMap((r) => Object.keys(r.dev))))];
  const colors = seriesColors(series.map(([s]) => s), opts.colors);
  const multi = series.length > 1;
  const axes = panelAxes(2, { direction: 'rows', gap: 0.14 });
  const data: PlotTrace[] = [];
  const add = (panel: 0 | 1, names: string[], pick: (r: EpochRecord) => Record<string, number>): void => {
    for (const [scheme, h] of series) {
      names.forEach((name, j) => {
        const pts = h.filter((r) => Number.isFinite(pick(r)[name]));
        if (pts.length === 0) return;
        const label = escapePlotlyText(multi ? `${scheme} · ${name}` : name);
        data.push({
          type: 'scatter',
          mode: pts.length > 1 ? 'lines+markers' : 'markers',
          name: label,
          legendgroup: multi ? scheme : name,
          x: pts.map((r) => r[xKey]),
          y: pts.map((r) => pick(r)[name]),
          line: { color: colors[scheme], dash: DASHES[j % DASHES.length], width: 2 },
          marker: { size: 5 },
          xaxis: panel === 0 ? 'x' : 'x2',
          yaxis: panel === 0 ? 'y' : 'y2',
        });
      });
    }
  };
  add(0, lossNames, (r) => r.losses);
  add(1, devNames, (r) => r.dev);
  check(data.length > 0, 'E506', () => 'trainingCurves: no finite losses or dev scores');
  if (!multi) {
    // One run: colour by component instead of by scheme.
    const c = seriesColors([...lossNames, ...devNames]);
    data.forEach((t) => Object.assign(t.line as object, { color: c[t.legendgroup as string] ?? '#1f77b4', dash: 'solid' }));
  }
  Object.assign(axes.yaxis, { title: { text: 'training loss' }, ...(opts.logLoss ? { type: 'log' } : {}) });
  Object.assign(axes.yaxis2, { title: { text: 'dev score' } });
  Object.assign(axes.xaxis, { matches: 'x2', showticklabels: true });
  // Few epochs: integer ticks (plotly would otherwise label 0.2, 0.4, ...).
  const maxX = Math.max(...data.flatMap((t) => t.x as number[]));
  const ticks = xKey === 'epoch' ? { dtick: Math.max(1, Math.ceil(maxX / 12)) } : {};
  Object.assign(axes.xaxis, ticks);
  Object.assign(axes.xaxis2, { title: { text: xKey }, ...ticks });
  const yDomain = (k: string): number[] => axes[k].domain as number[];
  return {
    data,
    layout: {
      ...axes,
      title: { text: escapePlotlyText(opts.title ?? 'Training curves') },
      annotations: [panelTitle('losses', [0, 1], yDomain('yaxis')[1]), panelTitle('dev scores', [0, 1], yDomain('yaxis2')[1])],
      height: opts.height ?? 560,
      hovermode: 'x unified',
      margin: { t: 80 },
    },
  };
}
