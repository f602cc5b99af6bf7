// title: Joint schemes compared
// description: Every registered scheme × several seeds on SNIPS and ATIS (or the shipped sample): mean and CI per scheme, paired-bootstrap tests against separate training, per-type F1, intent confusion, learning and training curves, and a conclusion generated from the numbers.

// %% [markdown]
// # 03 · Should NER and textcat be learned jointly?
//
// **Question.** The same texts carry entity annotation (slots) and a text category (the intent). Is
// it better to train one model per task, or to couple the two tasks? The baseline, `separate`,
// trains two independent encoders and heads side by side. Each other registered *scheme* couples the
// tasks in its own way: a shared encoder (`shared`), one task's prediction given to the other as an
// input, or a text classifier in front of the NER (the cascades). Table 1 lists the schemes with
// the description each one registers: what it tests and which published idea it follows. The list is
// read from the scheme registry when the notebook runs, so a newly registered scheme joins the
// comparison without any edit here.
//
// **Method.** Every scheme is trained with the same config, apart from the scheme itself, on each
// dataset and with several seeds. The seed sets the initialisation, the dropout, the batch order and
// the training subsample. Each run is scored on the test set. Early stopping uses the dev set and
// never sees the test set. For each dataset the table gives the mean over seeds with a 95% t
// interval. Each scheme is tested against `separate` with a paired bootstrap over test texts
// (Berg-Kirkpatrick et al. 2012): runs are paired by seed and predictions pooled over seeds. The
// metrics are entity F1 (exact span and label, `ents_f`), intent accuracy (`cats_acc`) and sentence
// accuracy (intent and all entities right, `sentence_acc`). Learning curves repeat the sweep on
// smaller training subsamples.
//
// **Setup.** Data: SNIPS and ATIS with the Goo et al. (2018) splits, from the data directory
// (`datasetPath`). Without it, the shipped chatbot sample is split 60/15/25 into train, dev and test.
// Full mode uses the full splits, 3 seeds and the default config: at most 15 epochs, stopped early
// after 3 epochs without a better dev score. Run files go to `../runs/03-joint-schemes/`, and a
// finished run is loaded from there, not trained again. On a 2-core machine the full sweep takes
// hours. If a cell runs past the report's per-cell limit (`WORKBENCH_CELL_TIMEOUT`, default 6 h),
// running the report again continues from the saved runs. Fast mode
// (`WORKBENCH_FAST=1`, used in CI) uses subsamples, 2 seeds and a small encoder for a few epochs. It
// checks that the analysis runs. Its numbers are not results, and the generated conclusion says how
// little they can show. Fast mode writes to a fresh temporary folder, so CI always trains.

// %%
import * as wb from '../dist';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const mode = wb.runMode();
const baseline = 'separate';
const registered = [...new Set(wb.schemes.list().map((e) => e.name))];
const schemeNames = [baseline, ...registered.filter((s) => s !== baseline)];
const seeds = wb.byMode({ fast: [0, 1], full: [0, 1, 2] });
const metrics = ['ents_f', 'cats_acc', 'sentence_acc'];
const config: Record<string, unknown> = wb.byMode({
  fast: { epochs: 6, encoder: { width: 64, depth: 2 } },
  full: { epochs: 15, training: { patience: 3 } },
});
const outDir = mode === 'fast' ? fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-03-')) : path.resolve('../runs/03-joint-schemes');
wb.show(
  wb.tableHtml(
    schemeNames.map((s) => {
      const entry = wb.schemes.get(s);
      const [tests, follows] = entry.item.description.split('\n');
      return { scheme: s, id: entry.id, 'what it tests': tests, 'published idea': follows };
    }),
    { caption: `Table 1. Registered schemes (${schemeNames.length}), baseline first` },
  ),
);
console.log(`mode ${mode}; seeds ${seeds.join(', ')}; config ${JSON.stringify(config)}; run files in ${outDir}`);

// %% [markdown]
// ## 1 · Data

// %%
type SplitSizes = { train: number | 'all'; dev: number | 'all'; test: number | 'all' };
const sizes = wb.byMode<SplitSizes>({ fast: { train: 240, dev: 60, test: 200 }, full: { train: 'all', dev: 'all', test: 'all' } });
function slotIntent(name: string): wb.ExperimentData | undefined {
  const dir = wb.datasetPath(name);
  if (!dir) return undefined;
  const split = (s: string, n: number | 'all') => wb.subsample(wb.loadSlotIntent(dir, { split: s }), n, 0);
  return { name, train: split('train', sizes.train), dev: split('valid', sizes.dev), test: split('test', sizes.test) };
}
async function shippedSample(): Promise<wb.ExperimentData> {
  const joint = (await wb.loadSampleJoint()).filter((e) => e.meta?.hasNer && e.meta?.hasCats);
  const { train: rest, dev: test } = wb.trainDevSplit(joint, { dev: 0.25, seed: 0 });
  const { train, dev } = wb.trainDevSplit(rest, { dev: 0.2, seed: 0 });
  return { name: 'sample', train, dev, test };
}
const found = ['snips', 'atis'].map(slotIntent).filter((d): d is wb.ExperimentData => d !== undefined);
const datasets = found.length ? found : [await shippedSample()];
console.log(found.length ? `data directory: ${wb.dataDir()}` : 'no data directory: using the shipped sample');
wb.show(
  wb.tableHtml(
    datasets.map((d) => {
      const counts = wb.labelCounts(d.train);
      return {
        dataset: d.name,
        train: d.train.length,
        dev: d.dev.length,
        test: d.test.length,
        'entity types (train)': counts.entities.length,
        'intents (train)': counts.cats.filter((c) => c.positive > 0).length,
        'multi-intent texts (train)': d.train.filter((e) => Object.values(e.cats).filter((v) => v === 1).length > 1).length,
      };
    }),
    { caption: 'Table 2. Datasets as used in this run' },
  ),
);

// %% [markdown]
// ## 2 · Training every scheme × seed × train size
//
// `runExperiment` trains each combination, scores it on the test set, and writes one JSON file per
// run. The file holds the config and its hash, the data fingerprints, the scores, the per-example
// predictions, the per-epoch history, the timings and the environment. The train sizes include the
// full training set (the main comparison) and smaller seeded subsamples (the learning curves). There
// is one cell per dataset, so a long full-mode sweep is split across cells.

// %%
// tslab: a variable of an earlier cell must be named in full (`seeds: seeds`); shorthand `{ seeds }` does not find it.
// Learning-curve sizes: fixed sizes where the data is large enough, else a quarter and a half of it (the shipped sample).
const curveSizes = (n: number): wb.TrainSize[] => {
  const fixed = wb.byMode({ fast: [60], full: [500, 2000] }).filter((s) => s < n);
  return [...(fixed.length ? fixed : [Math.floor(n / 4), Math.floor(n / 2)]), 'all'];
};
const runs: wb.ExperimentRun[] = [];
const sweep = async (d: wb.ExperimentData) => {
  const trainSizes = curveSizes(d.train.length);
  const t0 = Date.now();
  const records = await wb.runExperimentRecords({ data: d, schemes: schemeNames, seeds: seeds, trainSizes, config: config, outDir: outDir });
  console.log(`${d.name}: ${records.length} runs (train sizes ${trainSizes.join(', ')}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  runs.push(...records);
};
await sweep(datasets[0]);

// %%
if (datasets.length > 1) await sweep(datasets[1]);
else console.log('one dataset only');

// %% [markdown]
// Running the same sweep again loads every run from its file and trains nothing. Each run file is
// found by a key: the hash of its config, the data fingerprints, the train size and the evaluation
// split. A change to any of them gives a new key and a new run.

// %%
{
  const t0 = Date.now();
  let resumed = 0;
  const again = await wb.runExperimentRecords({
    data: datasets[0],
    schemes: schemeNames,
    seeds: seeds,
    trainSizes: curveSizes(datasets[0].train.length),
    config: config,
    outDir: outDir,
    progress: 'none',
    onProgress: (e) => {
      if (e.type === 'run-end' && e.resumed) resumed++;
    },
  });
  console.log(`second pass over ${datasets[0].name}: ${resumed} of ${again.length} runs loaded from disk in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// %% [markdown]
// ## 3 · Results: mean and 95% CI over seeds, tests against `separate`
//
// One table per dataset, on the full training set. `_mean`, `_low` and `_high` are the mean and t
// interval over seeds. `_p` is the paired-bootstrap p-value against `separate` (1000 resamples of
// the test texts). In the bar chart, stars mark p < .05, .01 and .001.

// %%
const fullSize = (d: wb.ExperimentData) => runs.filter((r) => r.dataset === d.name && r.nTrain === d.train.length);
for (const d of datasets) {
  const opts = { gold: d.test, metrics: metrics, baseline: baseline };
  // The table shows compareSchemes' DataFrame without the columns that are constant here; the bars take the same rows.
  const compared = wb.compareSchemes(fullSize(d), opts);
  const table = compared.drop({ columns: ['dataset', 'trainSize'].filter((c) => compared.columns.includes(c)) });
  wb.show(wb.tableHtml(table, { caption: `Table 3 (${d.name}). Scheme comparison on ${d.test.length} test texts, ${seeds.length} seeds, ${d.train.length} training texts` }));
  wb.show(wb.schemeComparisonBars(wb.compareSchemeRows(fullSize(d), opts), { ...opts, zoom: true, title: `Figure 1 (${d.name}). Scheme means, 95% CI over seeds` }));
}

// %% [markdown]
// ### Differences from `separate`
//
// The bootstrap gives the difference with its confidence interval as well as the p-value. With
// several schemes, metrics and datasets, some p-values fall under 0.05 by chance. The Holm column
// corrects for the number of tests made here. The bootstrap resamples test texts and keeps the
// trained models fixed, so it does not see how much a scheme varies from seed to seed. The last p
// column is a paired t-test over seeds. It has little power with few seeds, but a difference that
// holds only under the bootstrap may depend on the seeds.

// %%
const gold = Object.fromEntries(datasets.map((d) => [d.name, d.test]));
const verdicts = wb.schemeVerdicts(
  datasets.flatMap((d) => fullSize(d)),
  { gold, metrics: metrics, baseline: baseline },
);
const signed = (v: number | null) => (v === null ? null : Number((100 * v).toFixed(2)));
wb.show(
  wb.tableHtml(
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
);

// %% [markdown]
// ## 4 · Where the differences come from
//
// **Per entity type.** F1 per slot type, as the mean over seeds with a t interval, for the types
// with the most gold mentions. A scheme can gain on some types and lose on others while its overall
// F1 stays the same.

// %%
const topTypes = 12;
for (const d of datasets) {
  // Keep the most frequent gold types so the bars stay readable (all types are in the run files).
  const support = wb.labelCounts(d.test).entities.sort((a, b) => b.spans - a.spans).slice(0, topTypes).map((c) => c.label);
  const trimmed = (s: wb.Scores): wb.Scores => ({ ...s, ents_per_type: Object.fromEntries(support.filter((t) => s.ents_per_type[t]).map((t) => [t, s.ents_per_type[t]])) });
  const scoresByScheme = Object.fromEntries(schemeNames.map((s) => [s, fullSize(d).filter((r) => r.scheme === s).map((r) => trimmed(r.scores))]));
  wb.show(wb.perTypeF1Bars(scoresByScheme, { title: `Figure 2 (${d.name}). Entity F1 of the ${support.length} most frequent test types, per scheme`, height: 460 }));
}

// %% [markdown]
// **Intent confusion.** The confusion matrix of the scheme with the highest mean intent accuracy (the
// seed-0 run), with each row normalised over its gold intent. With exclusive intents (SNIPS, the
// sample) each row is a gold intent and each column a predicted one. ATIS has multi-intent texts, so
// it is scored as multilabel: there each row is an intent with its TP, FN, FP and TN counts.

// %%
for (const d of datasets) {
  const rows = wb.compareSchemeRows(fullSize(d), { metrics: ['cats_acc'], baseline: baseline });
  const best = rows.reduce((a, b) => (((b.cats_acc_mean as number) ?? -1) > ((a.cats_acc_mean as number) ?? -1) ? b : a));
  const run = fullSize(d).find((r) => r.scheme === best.scheme && r.seed === seeds[0])!;
  if (run.scores.cats_confusion) {
    wb.show(wb.confusionHeatmap(run.scores.cats_confusion, { normalize: 'true', title: `Figure 3 (${d.name}). Intent confusion of ${best.scheme}, seed ${seeds[0]}` }));
  }
}

// %% [markdown]
// ## 5 · Learning curves
//
// The same comparison at smaller training sizes. Sharing an encoder is expected to help most when
// data is scarce. The curves show whether it does, and whether the ranking of the schemes changes
// with more data.

// %%
for (const d of datasets) {
  wb.show(wb.learningCurves(runs.filter((r) => r.dataset === d.name), { dataset: d.name, metric: metrics, title: `Figure 4 (${d.name}). Test score vs training examples (mean and 95% CI over seeds)` }));
}

// %% [markdown]
// ## 6 · Training curves and cost
//
// Per-epoch training losses and dev scores of each scheme (seed 0, full training set, first dataset).
// These show how fast each scheme converges and where early stopping picked its epoch. The table
// after the figure gives the mean training and prediction cost per scheme.

// %%
const d0 = datasets[0];
wb.show(
  wb.trainingCurves(
    Object.fromEntries(schemeNames.map((s) => [s, fullSize(d0).find((r) => r.scheme === s && r.seed === seeds[0])!.history])),
    { dev: ['ents_f', 'cats_acc'], losses: ['total'], title: `Figure 5 (${d0.name}). Training loss and dev scores per epoch, seed ${seeds[0]}` },
  ),
);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
wb.show(
  wb.tableHtml(
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
    { caption: `Table 5. Mean cost per run (${runs[0]?.environment.backend ?? 'unknown'} backend, wall-clock)`, digits: 1 },
  ),
);

// %% [markdown]
// ## Conclusion
//
// The text below is generated from Table 4 each time the notebook runs. A scheme counts as better or
// worse than `separate` only where the paired bootstrap gives p < 0.05. The size of each difference is
// given in points with its CI.

// %%
const caveat =
  mode === 'fast'
    ? `<p><b>Fast mode:</b> ${seeds.length} seeds, subsampled data (${datasets.map((d) => `${d.name} ${d.train.length} train / ${d.test.length} test`).join('; ')}) and ${String(config.epochs)} epochs of a small encoder. These numbers check that the analysis runs. They are not the report's results: run without <code>WORKBENCH_FAST</code> for those.</p>`
    : '';
wb.show(`<h3>Generated conclusion</h3>${caveat}${wb.verdictSummaryHtml(verdicts)}`);
