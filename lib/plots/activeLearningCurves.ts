import { check } from '../errors';
import { seriesColors } from './colors';
import { axisRef, escapePlotlyText, panelAxes, panelTitle, type Figure, type PlotTrace } from './figure';
import { bandTraces } from './learningCurves';

/** One active-learning curve: a strategy's score on a task after each annotation round. */
export interface ActiveLearningCurve {
  strategy: string;
  task: string;
  /** Annotated examples after each round. */
  sizes: number[];
  /** One score per size (single run) … */
  scores?: number[];
  /** … or mean with optional CI bounds over seeds. */
  mean?: number[];
  low?: number[];
  high?: number[];
}

/** Options of `activeLearningCurves`. */
export interface ActiveLearningOptions {
  /** y axis title (default 'score'). */
  metric?: string;
  colors?: Record<string, string>;
  title?: string;
  height?: number;
}

/** Score vs annotated examples per selection strategy, one panel per task, CI bands when given. */
export function activeLearningCurves(curves: readonly ActiveLearningCurve[], opts: ActiveLearningOptions = {}): Figure {
  check(curves.length > 0, 'E506', () => 'activeLearningCurves: no curves');
  curves.forEach((c, i) => {
    const y = c.mean ?? c.scores;
    check(Array.isArray(y), 'E506', () => `curve "${c.strategy}" (${c.task}) has neither scores nor mean`, { index: i });
    for (const [name, arr] of [['scores/mean', y], ['low', c.low], ['high', c.high]] as const) {
      check(arr === undefined || arr.length === c.sizes.length, 'E506', () => `curve "${c.strategy}" (${c.task}): ${name} has ${arr!.length} values for ${c.sizes.length} sizes`, { index: i, field: name });
      check(arr === undefined || arr.every(Number.isFinite), 'E506', () => `curve "${c.strategy}" (${c.task}): ${name} has a non-finite value`, { index: i, field: name });
    }
  });
  const tasks = [...new Set(curves.map((c) => c.task))];
  const colors = seriesColors(curves.map((c) => c.strategy), opts.colors);
  const axes = panelAxes(tasks.length);
  const shown = new Set<string>();
  const data: PlotTrace[] = [];
  const annotations: Record<string, unknown>[] = [];
  tasks.forEach((task, k) => {
    for (const c of curves.filter((c) => c.task === task)) {
      const order = [...c.sizes.keys()].sort((a, b) => c.sizes[a] - c.sizes[b]);
      const pick = (arr: number[]): number[] => order.map((i) => arr[i]);
      const y = pick(c.mean ?? c.scores!);
      const refs = { xaxis: axisRef('x', k), yaxis: axisRef('y', k) };
      const first = !shown.has(c.strategy);
      shown.add(c.strategy);
      const name = escapePlotlyText(c.strategy);
      if (c.low && c.high) {
        data.push(...bandTraces(name, pick(c.sizes), y, pick(c.low), pick(c.high), colors[c.strategy], refs, first));
      } else {
        data.push({ type: 'scatter', mode: 'lines+markers', name, legendgroup: name, showlegend: first, x: pick(c.sizes), y, line: { color: colors[c.strategy], width: 2 }, ...refs });
      }
    }
    const xKey = `xaxis${k === 0 ? '' : k + 1}`;
    axes[xKey].title = { text: 'annotated examples' };
    axes[`yaxis${k === 0 ? '' : k + 1}`].title = { text: k === 0 ? escapePlotlyText(opts.metric ?? 'score') : '' };
    annotations.push(panelTitle(task, axes[xKey].domain as number[]));
  });
  return {
    data,
    layout: {
      ...axes,
      title: { text: escapePlotlyText(opts.title ?? 'Active learning: score per annotation budget') },
      annotations,
      height: opts.height ?? 420,
      margin: { t: 80 },
    },
  };
}
