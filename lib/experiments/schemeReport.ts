import { compareSchemeRows, compareSchemes } from '../eval/compareSchemes';
import type { Scores } from '../eval/scores';
import { schemes as schemeRegistry } from '../models';
import { confusionHeatmap } from '../plots/confusionHeatmap';
import { toHtml, escapeHtml, type HtmlItem } from '../plots/html';
import { learningCurves } from '../plots/learningCurves';
import { perTypeF1Bars } from '../plots/perTypeBars';
import { schemeComparisonBars } from '../plots/schemeBars';
import { trainingCurves } from '../plots/trainingCurves';
import { labelCounts } from './labelCounts';
import type { ExperimentData, TrainSize } from './runExperiment';
import type { ExperimentRun } from './runStore';
import { tableHtml } from './tableHtml';
import { schemeVerdicts, verdictSummaryHtml, type Verdict } from './verdicts';

/** Options of `schemeComparisonReport`. */
export interface SchemeReportOptions {
  /** The datasets the runs were trained on (test splits are the gold of the paired bootstrap). */
  datasets: readonly ExperimentData[];
  /** Every run of the sweep (all train sizes), e.g. from runExperimentRecords. */
  runs: readonly ExperimentRun[];
  /** The schemes compared, baseline included. */
  schemes: readonly string[];
  seeds: readonly number[];
  /** Scheme the others are tested against (default 'separate'). */
  baseline?: string;
  /** Metrics of the tables, bars, curves and verdicts (default ents_f, cats_acc, sentence_acc). */
  metrics?: string[];
  /** Entity types shown in the per-type bars: the most frequent in the test set (default 12). */
  topTypes?: number;
  /** Trusted HTML put before the generated conclusion (e.g. fast mode's warning). */
  caveat?: string;
}

/** The comparison's parts, in reading order; each is a list of items for `show` or `toHtml`. */
export interface SchemeReport {
  /** Table 1: the schemes with what each tests and the published idea it follows. */
  schemes: HtmlItem[];
  /** Table 2: dataset sizes and label counts. */
  data: HtmlItem[];
  /** Table 3 and Figure 1 per dataset: mean, CI and bootstrap p against the baseline, full training set. */
  results: HtmlItem[];
  /** Table 4: each scheme minus the baseline with CI, p, Holm-corrected p and the seed t-test. */
  differences: HtmlItem[];
  /** Figure 2 per dataset: entity F1 per type. */
  perType: HtmlItem[];
  /** Figure 3 per dataset: category confusion of the best scheme. */
  confusion: HtmlItem[];
  /** Figure 4 per dataset: test scores against training size. */
  learning: HtmlItem[];
  /** Figure 5 and Table 5: training curves (first dataset) and cost per run. */
  training: HtmlItem[];
  /** The conclusion generated from Table 4. */
  conclusion: HtmlItem[];
  /** The verdicts behind Table 4 and the conclusion. */
  verdicts: Verdict[];
}

/**
 * The scheme comparison of notebook 03 over a finished sweep: the same tables, figures and
 * generated conclusion, whether the notebook shows them or `workbench compare` writes them to a
 * page (schemeReportHtml). The main comparison uses the runs on each full training set; smaller
 * train sizes feed the learning curves.
 */
export function schemeComparisonReport(opts: SchemeReportOptions): SchemeReport {
  const baseline = opts.baseline ?? 'separate';
  const metrics = opts.metrics ?? ['ents_f', 'cats_acc', 'sentence_acc'];
  const { datasets, seeds } = opts;
  const schemeNames = [baseline, ...opts.schemes.filter((s) => s !== baseline)];
  const fullSize = (d: ExperimentData) => opts.runs.filter((r) => r.dataset === d.name && r.nTrain === d.train.length);
  const report: SchemeReport = { schemes: [], data: [], results: [], differences: [], perType: [], confusion: [], learning: [], training: [], conclusion: [], verdicts: [] };

  report.schemes.push({ html: schemesTable(schemeNames) });
  report.data.push({ html: datasetsTable(datasets) });

  for (const d of datasets) {
    const compareOpts = { gold: d.test, metrics, baseline };
    // The table drops the columns that are constant here; the bars take the same rows.
    const compared = compareSchemes(fullSize(d), compareOpts);
    const table = compared.drop({ columns: ['dataset', 'trainSize'].filter((c) => compared.columns.includes(c)) });
    report.results.push({ html: tableHtml(table, { caption: `Table 3 (${d.name}). Scheme comparison on ${d.test.length} test texts, ${seeds.length} seeds, ${d.train.length} training texts` }) });
    report.results.push(schemeComparisonBars(compareSchemeRows(fullSize(d), compareOpts), { ...compareOpts, zoom: true, title: `Figure 1 (${d.name}). Scheme means, 95% CI over seeds` }));
  }

  const gold = Object.fromEntries(datasets.map((d) => [d.name, d.test]));
  const verdicts = schemeVerdicts(
    datasets.flatMap((d) => fullSize(d)),
    { gold, metrics, baseline },
  );
  report.verdicts = verdicts;
  const signed = (v: number | null) => (v === null ? null : Number((100 * v).toFixed(2)));
  report.differences.push({
    html: tableHtml(
      verdicts.map((v) => ({
        dataset: v.dataset,
        scheme: v.system,
        metric: v.metric,
        [baseline]: v.baselineValue,
        scheme_mean: v.value,
        'diff (points)': signed(v.diff),
        'CI low': signed(v.low),
        'CI high': signed(v.high),
        p: v.p,
        'p (Holm)': v.pHolm,
        'p (seeds)': v.pSeeds,
        outcome: v.outcome,
      })),
      { caption: `Table 4. Each scheme minus ${baseline}, paired bootstrap pooled over ${seeds.length} seeds`, digits: 3 },
    ),
  });

  const topTypes = opts.topTypes ?? 12;
  for (const d of datasets) {
    // The most frequent gold types keep the bars readable (all types are in the run files).
    const support = labelCounts(d.test).entities.sort((a, b) => b.spans - a.spans).slice(0, topTypes).map((c) => c.label);
    if (support.length === 0) continue;
    const trimmed = (s: Scores): Scores => ({ ...s, ents_per_type: Object.fromEntries(support.filter((t) => s.ents_per_type[t]).map((t) => [t, s.ents_per_type[t]])) });
    const scoresByScheme = Object.fromEntries(schemeNames.map((s) => [s, fullSize(d).filter((r) => r.scheme === s).map((r) => trimmed(r.scores))]));
    report.perType.push(perTypeF1Bars(scoresByScheme, { title: `Figure 2 (${d.name}). Entity F1 of the ${support.length} most frequent test types, per scheme`, height: 460 }));
  }

  for (const d of datasets) {
    const rows = compareSchemeRows(fullSize(d), { metrics: ['cats_acc'], baseline });
    if (rows.length === 0) continue;
    const best = rows.reduce((a, b) => (((b.cats_acc_mean as number) ?? -1) > ((a.cats_acc_mean as number) ?? -1) ? b : a));
    const run = fullSize(d).find((r) => r.scheme === best.scheme && r.seed === seeds[0]);
    if (run?.scores.cats_confusion) {
      report.confusion.push(confusionHeatmap(run.scores.cats_confusion, { normalize: 'true', title: `Figure 3 (${d.name}). Category confusion of ${best.scheme}, seed ${seeds[0]}` }));
    }
  }

  for (const d of datasets) {
    const runs = opts.runs.filter((r) => r.dataset === d.name);
    if (new Set(runs.map((r) => r.nTrain)).size > 1) {
      report.learning.push(learningCurves(runs, { dataset: d.name, metric: metrics, title: `Figure 4 (${d.name}). Test score vs training examples (mean and 95% CI over seeds)` }));
    }
  }

  const d0 = datasets[0];
  if (d0) {
    const histories = schemeNames.flatMap((s) => {
      const run = fullSize(d0).find((r) => r.scheme === s && r.seed === seeds[0]);
      return run ? [[s, run.history] as const] : [];
    });
    if (histories.length) {
      report.training.push(
        trainingCurves(Object.fromEntries(histories), { dev: ['ents_f', 'cats_acc'], losses: ['total'], title: `Figure 5 (${d0.name}). Training loss and dev scores per epoch, seed ${seeds[0]}` }),
      );
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  report.training.push({
    html: tableHtml(
      datasets.flatMap((d) =>
        schemeNames.map((s) => {
          const mine = fullSize(d).filter((r) => r.scheme === s);
          return {
            dataset: d.name,
            scheme: s,
            'epochs run': mean(mine.map((r) => r.timings.epochs)),
            'train s': mean(mine.map((r) => r.timings.trainSeconds)),
            'train tokens/s': mean(mine.map((r) => r.timings.trainTokensPerSecond ?? 0)),
            'predict tokens/s': mean(mine.map((r) => r.timings.predictTokensPerSecond)),
          };
        }),
      ),
      { caption: `Table 5. Mean cost per run (${opts.runs[0]?.environment.backend ?? 'unknown'} backend, wall-clock)`, digits: 1 },
    ),
  });
  report.conclusion.push({ html: `<h3>Generated conclusion</h3>${opts.caveat ?? ''}${verdictSummaryHtml(verdicts)}` });
  return report;
}

/** The section titles of a SchemeReport page, in order. */
const SECTIONS: [keyof Omit<SchemeReport, 'verdicts'>, string][] = [
  ['schemes', 'Schemes'],
  ['data', 'Data'],
  ['results', 'Results: mean and 95% CI over seeds, tests against the baseline'],
  ['differences', 'Differences from the baseline'],
  ['perType', 'Per entity type'],
  ['confusion', 'Category confusion'],
  ['learning', 'Learning curves'],
  ['training', 'Training curves and cost'],
  ['conclusion', 'Conclusion'],
];

/** A SchemeReport as one standalone HTML page (plotly.js inlined: opens offline). */
export function schemeReportHtml(report: SchemeReport, title: string, intro = ''): string {
  const items: HtmlItem[] = intro ? [{ html: intro }] : [];
  for (const [key, heading] of SECTIONS) {
    if (report[key].length === 0) continue;
    items.push({ html: `<h2>${escapeHtml(heading)}</h2>` }, ...report[key]);
  }
  return toHtml(items, title);
}

/**
 * Train sizes of a comparison's learning curves: the `fixed` sizes smaller than the training set
 * `n`, or (when none is) a quarter and a half of it; always ending with 'all'.
 */
export function learningCurveSizes(n: number, fixed: readonly number[]): TrainSize[] {
  const smaller = fixed.filter((s) => s < n);
  return [...(smaller.length ? smaller : [Math.floor(n / 4), Math.floor(n / 2)]), 'all'];
}

/** Table 1 of a comparison: each scheme with what it tests and the published idea it follows (from the registry). */
export function schemesTable(names: readonly string[]): string {
  return tableHtml(
    names.map((s) => {
      const entry = schemeRegistry.get(s);
      const [tests, follows] = entry.item.description.split('\n');
      return { scheme: s, id: entry.id, 'what it tests': tests, 'published idea': follows };
    }),
    { caption: `Table 1. Schemes compared (${names.length}), baseline first` },
  );
}

/** Table 2 of a comparison: split sizes, entity types and categories of each dataset. */
export function datasetsTable(datasets: readonly ExperimentData[]): string {
  return tableHtml(
    datasets.map((d) => {
      const counts = labelCounts(d.train);
      return {
        dataset: d.name,
        train: d.train.length,
        dev: d.dev.length,
        test: d.test.length,
        'entity types (train)': counts.entities.length,
        'categories (train)': counts.cats.filter((c) => c.positive > 0).length,
        'multi-category texts (train)': d.train.filter((e) => Object.values(e.cats).filter((v) => v === 1).length > 1).length,
      };
    }),
    { caption: 'Table 2. Datasets as used in this run' },
  );
}
