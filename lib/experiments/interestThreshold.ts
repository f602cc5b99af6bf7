import type { Example } from '../data/types';
import { check } from '../errors';
import { scoreExamples } from '../eval/evaluate';
import { interestIndices, interestProbabilities } from '../models/schemes/interest';
import { SERIES_COLORS } from '../plots/colors';
import { escapePlotlyText, type Figure, type PlotTrace } from '../plots/figure';

/** Which categories make a paragraph "of interest", and how its category scores combine. */
export interface InterestSpec {
  /** Interest categories; [] = every category (as the cascade schemes' schemeOptions.interestLabels). */
  interestLabels: readonly string[];
  /** Every category label of the pipeline (pipeline.labels.cats). */
  labels: readonly string[];
  /** Exclusive categories: P(interest) is the sum over interest labels; multilabel: their max. */
  exclusive: boolean;
}

/** P(interest) of each predicted example from its category scores, by the rule the cascade schemes use. */
export function interestScores(predictions: readonly Pick<Example, 'cats'>[], spec: InterestSpec): number[] {
  const indices = interestIndices(spec.labels, spec.interestLabels);
  const n = spec.labels.length;
  const probs = new Float32Array(predictions.length * n);
  predictions.forEach((p, i) => spec.labels.forEach((l, j) => (probs[i * n + j] = p.cats[l] ?? 0)));
  return Array.from(interestProbabilities(probs, predictions.length, n, indices, spec.exclusive));
}

/**
 * The gold "entities of interest": a copy of the examples where a paragraph whose gold categories
 * are known and contain no interest label loses its spans. Paragraphs with unknown categories
 * keep theirs.
 */
export function interestGold(examples: readonly Example[], interestLabels: readonly string[]): Example[] {
  check(interestLabels.length > 0, 'E007', () => 'interestGold needs at least one interest label', { field: 'interestLabels' });
  return examples.map((e) => {
    const known = Object.keys(e.cats).length > 0;
    const interesting = interestLabels.some((l) => e.cats[l] === 1);
    return known && !interesting ? { ...e, spans: [] } : e;
  });
}

/**
 * Predictions of a hard cascade at another threshold, from predictions made with every paragraph
 * sent to the NER (threshold 0): entities are cleared where P(interest) < threshold. The same
 * weights at that threshold give these predictions, because the NER scores each paragraph on its
 * own (no context crosses paragraphs) and the threshold is read only at prediction time.
 */
export function applyInterestThreshold(predictions: readonly Example[], spec: InterestSpec, threshold: number): Example[] {
  check(threshold >= 0 && threshold <= 1, 'E007', () => `threshold must be in [0, 1], got ${threshold}`, { field: 'threshold' });
  const p = interestScores(predictions, spec);
  return predictions.map((e, i) => (p[i] >= threshold ? e : { ...e, spans: [] }));
}

/** One point of the threshold sweep (a type alias, so it is a Record and tableHtml takes it). */
export type ThresholdPoint = {
  threshold: number;
  /** Share of paragraphs sent to the NER (P(interest) ≥ threshold). */
  nerShare: number;
  /** Document-level entity scores against the entities of interest (interestGold). */
  interest_p: number | null;
  interest_r: number | null;
  interest_f: number | null;
  /** Document-level entity recall against all gold entities. */
  all_r: number | null;
};

/**
 * Scores a hard cascade at each threshold from one set of threshold-0 predictions (see
 * applyInterestThreshold): the share of paragraphs the NER runs on, document-level P/R/F of the
 * entities of interest, and document-level recall of all entities. `gold` needs meta.doc.
 */
export function interestThresholdCurve(gold: readonly Example[], predictions: readonly Example[], spec: InterestSpec, thresholds: readonly number[]): ThresholdPoint[] {
  check(gold.length === predictions.length && gold.length > 0, 'E501', () => `need aligned, non-empty gold and predictions (${gold.length} vs ${predictions.length})`);
  check(gold.some((e) => e.meta?.doc !== undefined), 'E505', () => 'interestThresholdCurve scores documents: gold examples need meta.doc');
  const goldInterest = interestGold(gold, spec.interestLabels.length ? spec.interestLabels : spec.labels);
  const p = interestScores(predictions, spec);
  return thresholds.map((threshold) => {
    check(threshold >= 0 && threshold <= 1, 'E007', () => `threshold must be in [0, 1], got ${threshold}`, { field: 'thresholds' });
    const pred = predictions.map((e, i) => (p[i] >= threshold ? e : { ...e, spans: [] }));
    const interest = scoreExamples(goldInterest, pred);
    const all = scoreExamples(gold, pred);
    return {
      threshold,
      nerShare: p.filter((x) => x >= threshold).length / p.length,
      interest_p: interest.doc_ents_p ?? null,
      interest_r: interest.doc_ents_r ?? null,
      interest_f: interest.doc_ents_f ?? null,
      all_r: all.doc_ents_r ?? null,
    };
  });
}

/** Options of `interestThresholdFigure`. */
export interface ThresholdFigureOptions {
  /** Threshold the cascade was configured with, marked by a vertical line. */
  marked?: number;
  title?: string;
  height?: number;
}

const SERIES: [keyof ThresholdPoint, string, string][] = [
  ['interest_r', 'recall, entities of interest', 'solid'],
  ['interest_p', 'precision, entities of interest', 'solid'],
  ['interest_f', 'F1, entities of interest', 'solid'],
  ['all_r', 'recall, all entities', 'dot'],
  ['nerShare', 'share of paragraphs sent to the NER', 'dash'],
];

/** Line chart of a threshold sweep: document-level scores and the NER's share of paragraphs vs threshold. */
export function interestThresholdFigure(points: readonly ThresholdPoint[], opts: ThresholdFigureOptions = {}): Figure {
  check(points.length > 0, 'E506', () => 'interestThresholdFigure: no points');
  const sorted = [...points].sort((a, b) => a.threshold - b.threshold);
  const data: PlotTrace[] = SERIES.map(([key, name, dash], i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: escapePlotlyText(name),
    x: sorted.map((p) => p.threshold),
    y: sorted.map((p) => p[key]),
    line: { color: SERIES_COLORS[i % SERIES_COLORS.length], width: 2, dash },
    marker: { size: 5 },
  }));
  const shapes =
    opts.marked === undefined ? [] : [{ type: 'line', x0: opts.marked, x1: opts.marked, y0: 0, y1: 1, yref: 'paper', line: { color: '#888', width: 1, dash: 'dot' } }];
  return {
    data,
    layout: {
      title: { text: escapePlotlyText(opts.title ?? 'Hard cascade: paragraph threshold vs document-level entity scores') },
      xaxis: { title: { text: 'P(interest) threshold' }, range: [-0.02, 1.02] },
      yaxis: { title: { text: 'score / share' }, range: [0, 1.05] },
      shapes,
      legend: { orientation: 'h', y: -0.2 },
      height: opts.height ?? 440,
      margin: { t: 70 },
    },
  };
}
