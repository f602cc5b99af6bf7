import { check } from '../errors';
import type { RunRecord } from '../eval/scores';
import { meanCI } from '../eval/stats';
import { seriesColors, withAlpha } from './colors';
import { axisRef, escapePlotlyText, panelAxes, panelTitle, type Figure, type PlotTrace } from './figure';

/** Options of `learningCurves`. */
export interface LearningCurvesOptions {
  /** Scores field(s) to plot, one panel each (default 'ents_f'). */
  metric?: string | string[];
  /** Only runs of this dataset (required when runs mix datasets). */
  dataset?: string;
  /** Log-scaled train size axis (default: when sizes span more than 10×). */
  logX?: boolean;
  colors?: Record<string, string>;
  title?: string;
  height?: number;
}

/** A mean line with a CI band (lower edge, upper edge filled to it, then the line), as 3 scatter traces. */
export function bandTraces(
  name: string,
  x: number[],
  mean: number[],
  low: number[],
  high: number[],
  color: string,
  axes: { xaxis: string; yaxis: string },
  showlegend: boolean,
  hovertext?: string[],
): PlotTrace[] {
  const edge = { type: 'scatter' as const, mode: 'lines', line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup: name, ...axes };
  return [
    { ...edge, name: `${name} low`, x, y: low },
    { ...edge, name: `${name} CI`, x, y: high, fill: 'tonexty', fillcolor: withAlpha(color, 0.2) },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      legendgroup: name,
      showlegend,
      x,
      y: mean,
      line: { color, width: 2 },
      marker: { color, size: 6 },
      ...(hovertext ? { hovertext, hoverinfo: 'text' } : {}),
      ...axes,
    },
  ];
}

/** Score vs train size, one line per scheme with its CI band over seeds (t interval), one panel per metric. */
export function learningCurves(runs: readonly RunRecord[], opts: LearningCurvesOptions = {}): Figure {
  const metrics = Array.isArray(opts.metric) ? opts.metric : [opts.metric ?? 'ents_f'];
  const datasets = [...new Set(runs.map((r) => r.dataset))];
  check(opts.dataset !== undefined || datasets.length <= 1, 'E506', () => `runs mix datasets (${datasets.join(', ')}): pass opts.dataset`, { field: 'dataset' });
  const use = runs.filter((r) => (opts.dataset === undefined || r.dataset === opts.dataset) && r.trainSize !== undefined);
  check(use.length > 0, 'E506', () => 'learningCurves: no runs with a trainSize');
  const schemes = [...new Set(use.map((r) => r.scheme))];
  const colors = seriesColors(schemes, opts.colors);
  const sizes = [...new Set(use.map((r) => r.trainSize!))].sort((a, b) => a - b);
  const logX = opts.logX ?? (sizes[0] > 0 && sizes[sizes.length - 1] / sizes[0] > 10);
  const axes = panelAxes(metrics.length);
  const data: PlotTrace[] = [];
  const annotations: Record<string, unknown>[] = [];
  metrics.forEach((m, k) => {
    for (const scheme of schemes) {
      const pts = sizes
        .map((size) => {
          const vals = use
            .filter((r) => r.scheme === scheme && r.trainSize === size)
            .map((r) => (r.scores as unknown as Record<string, unknown>)[m])
            .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
          return { size, ci: meanCI(vals) };
        })
        .filter((p) => p.ci.mean !== null);
      if (pts.length === 0) continue;
      const mean = pts.map((p) => p.ci.mean!);
      const hover = pts.map((p) => `${escapePlotlyText(scheme)}, n=${p.size}<br>${m}: ${p.ci.mean!.toFixed(3)}${p.ci.low === null ? ' (1 seed)' : ` [${p.ci.low.toFixed(3)}, ${p.ci.high!.toFixed(3)}], ${p.ci.n} seeds`}`);
      data.push(
        ...bandTraces(
          escapePlotlyText(scheme),
          pts.map((p) => p.size),
          mean,
          pts.map((p) => p.ci.low ?? p.ci.mean!),
          pts.map((p) => p.ci.high ?? p.ci.mean!),
          colors[scheme],
          { xaxis: axisRef('x', k), yaxis: axisRef('y', k) },
          k === 0,
          hover,
        ),
      );
    }
    const xKey = `xaxis${k === 0 ? '' : k + 1}`;
    Object.assign(axes[xKey], { title: { text: 'training examples' }, ...(logX ? { type: 'log' } : {}) });
    const yAxis = axes[`yaxis${k === 0 ? '' : k + 1}`];
    yAxis.title = { text: k === 0 ? 'score' : '' };
    // Scores in [0, 1]: clip the axis there, so a wide interval over few seeds cannot stretch it below 0 or above 1.
    const panel = data.filter((t) => t.yaxis === axisRef('y', k)).flatMap((t) => t.y as number[]);
    const means = data.filter((t) => t.yaxis === axisRef('y', k) && t.mode === 'lines+markers').flatMap((t) => t.y as number[]);
    if (means.length > 0 && means.every((v) => v >= 0 && v <= 1)) {
      const lo = Math.min(...panel), hi = Math.max(...panel), pad = Math.max(0.02, (hi - lo) * 0.05);
      yAxis.range = [Math.max(0, lo - pad), Math.min(1.05, hi + pad)];
    }
    annotations.push(panelTitle(m, axes[xKey].domain as number[]));
  });
  check(data.length > 0, 'E506', () => `learningCurves: no numeric ${metrics.join(', ')} in the runs`);
  return {
    data,
    layout: {
      ...axes,
      title: { text: escapePlotlyText(opts.title ?? `Learning curves${opts.dataset ? ` (${opts.dataset})` : ''}: mean and 95% CI over seeds`) },
      annotations,
      height: opts.height ?? 420,
      hovermode: 'closest',
      margin: { t: 80 },
    },
  };
}
