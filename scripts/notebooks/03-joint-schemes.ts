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
// Full mode uses the full splits, 3 seeds and the default config (`trainPipeline({ scheme, seed })`
// with nothing else set: pretrained GloVe vectors, 15 epochs, the weights of the best dev epoch kept),
// the same runs as the bench's SNIPS scheme comparison. Run files go to `../runs/03-joint-schemes/`, and a
// finished run is loaded from there, not trained again. Full mode trains runs in parallel, one child
// process per core (`jobs`); on a 2-core machine the full sweep still takes hours. If a cell runs
// past the report's per-cell limit (`WORKBENCH_CELL_TIMEOUT`, default 6 h), running the report
// again continues from the saved runs. Fast mode
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
  full: {}, // the defaults: trainPipeline({ scheme, seed }) with nothing else set, as the bench measures
});
const outDir = mode === 'fast' ? fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-03-')) : path.resolve('../runs/03-joint-schemes');
// Runs trained at once, each in a child process (one core each); fast mode trains in this process.
const jobs = wb.byMode({ fast: 1, full: Math.max(1, os.cpus().length) });
wb.show(wb.schemesTable(schemeNames));
console.log(`mode ${mode}; seeds ${seeds.join(', ')}; config ${JSON.stringify(config)}; ${jobs} run(s) at once; run files in ${outDir}`);

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
wb.show(wb.datasetsTable(datasets));

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
const curveSizes = (n: number): wb.TrainSize[] => wb.learningCurveSizes(n, wb.byMode({ fast: [60], full: [500, 2000] }));
const runs: wb.ExperimentRun[] = [];
const sweep = async (d: wb.ExperimentData) => {
  const trainSizes = curveSizes(d.train.length);
  const t0 = Date.now();
  const records = await wb.runExperimentRecords({ data: d, schemes: schemeNames, seeds: seeds, trainSizes, config: config, outDir: outDir, jobs: jobs });
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
    jobs: jobs,
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
// The analysis is a library function: `workbench compare` writes the same report for your own data.
const caveat =
  mode === 'fast'
    ? `<p><b>Fast mode:</b> ${seeds.length} seeds, subsampled data (${datasets.map((d) => `${d.name} ${d.train.length} train / ${d.test.length} test`).join('; ')}) and ${String(config.epochs)} epochs of a small encoder. These numbers check that the analysis runs. They are not the report's results: run without <code>WORKBENCH_FAST</code> for those.</p>`
    : '';
const report = wb.schemeComparisonReport({ datasets: datasets, runs: runs, schemes: schemeNames, seeds: seeds, metrics: metrics, baseline: baseline, caveat: caveat });
wb.show(report.results);

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
wb.show(report.differences);

// %% [markdown]
// ## 4 · Where the differences come from
//
// **Per entity type.** F1 per slot type, as the mean over seeds with a t interval, for the types
// with the most gold mentions. A scheme can gain on some types and lose on others while its overall
// F1 stays the same.

// %%
wb.show(report.perType);

// %% [markdown]
// **Intent confusion.** The confusion matrix of the scheme with the highest mean intent accuracy (the
// seed-0 run), with each row normalised over its gold intent. With exclusive intents (SNIPS, the
// sample) each row is a gold intent and each column a predicted one. ATIS has multi-intent texts, so
// it is scored as multilabel: there each row is an intent with its TP, FN, FP and TN counts.

// %%
wb.show(report.confusion);

// %% [markdown]
// ## 5 · Learning curves
//
// The same comparison at smaller training sizes. Sharing an encoder is expected to help most when
// data is scarce. The curves show whether it does, and whether the ranking of the schemes changes
// with more data.

// %%
wb.show(report.learning);

// %% [markdown]
// ## 6 · Training curves and cost
//
// Per-epoch training losses and dev scores of each scheme (seed 0, full training set, first dataset).
// These show how fast each scheme converges and which epoch was kept (the best dev score). The table
// after the figure gives the mean training and prediction cost per scheme.

// %%
wb.show(report.training);

// %% [markdown]
// ## Conclusion
//
// The text below is generated from Table 4 each time the notebook runs. A scheme counts as better or
// worse than `separate` only where the paired bootstrap gives p < 0.05. The size of each difference is
// given in points with its CI.

// %%
wb.show(report.conclusion);
