// title: Active learning for both tasks
// description: Simulated annotation rounds with four selection strategies (random, NER uncertainty, textcat uncertainty, joint): learning curves for both tasks and a conclusion generated from paired tests over seeds.

// %% [markdown]
// # 05 · Which texts should be annotated next?
//
// **Question.** Annotation time is the expensive part. A model trained on what is annotated so far
// can choose the next texts: those it is least sure about (uncertainty sampling; Lewis & Gale 1994,
// Settles 2009). With two tasks on the same texts, whose uncertainty should decide? The entity
// recognizer's, the text classifier's, or both? And does any of them beat picking texts at random,
// for either task?
//
// **Method.** Pool-based simulation with `simulateActiveLearning`. An annotated training set
// stands in for the unlabelled pool, and a text's gold annotation is revealed when a strategy picks
// it. Every strategy starts from the same random seed set. Each round trains a joint pipeline on the
// texts labelled so far, scores it on the test set, and then labels the next batch:
//
// - `random`: a seeded random draw (the baseline);
// - `ner-uncertainty`: 1 − the per-token geometric mean probability of the decoded tag path;
// - `cat-uncertainty`: 1 − the margin between the two most probable categories;
// - `joint`: the sum of both.
//
// Each strategy × seed curve is summarised by its mean height over the annotation budget (the
// normalised area under the curve) and by its final score. These summaries are compared with
// `random` by a paired t-test over seeds.
//
// **Setup.** SNIPS (train as the pool, test for scoring) from the data directory, else the shipped
// chatbot sample. The pipeline uses the `shared` scheme, the path of notebook 02. Full mode: 3 seeds,
// 50 seed texts plus 10 rounds of 50 on SNIPS (20 + 6 × 20 on the shipped sample), the default config (15 epochs; with SNIPS, the
// weights of the best epoch on the SNIPS dev set kept),
// cached in `../runs/05-active-learning/`. Each curve is extended round by round, so an interrupted
// run resumes. Full mode runs the curves in parallel, one child process per core. Fast mode: 2 seeds, 20 + 3 × 20 texts from a 300-text pool, a small encoder and no
// dev set. It checks that the simulation and the analysis run, and its numbers are not results.

// %%
import * as wb from '../dist';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const mode = wb.runMode();
const seeds = wb.byMode({ fast: [0, 1], full: [0, 1, 2] });
const config: Record<string, unknown> = {
  scheme: 'shared',
  ...wb.byMode<Record<string, unknown>>({ fast: { epochs: 8, encoder: { width: 64, depth: 2 } }, full: {} }),
};
// Each strategy × seed curve is independent: full mode simulates one per core, each in a child process.
const jobs = wb.byMode({ fast: 1, full: Math.max(1, os.cpus().length) });
const outDir = mode === 'fast' ? fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-05-')) : path.resolve('../runs/05-active-learning');

const snips = wb.datasetPath('snips');
let name: string;
let pool: wb.Example[];
let test: wb.Example[];
let dev: wb.Example[] = [];
if (snips) {
  name = 'snips';
  pool = wb.subsample(wb.loadSlotIntent(snips, { split: 'train' }), wb.byMode<number | 'all'>({ fast: 300, full: 'all' }), 0);
  test = wb.subsample(wb.loadSlotIntent(snips, { split: 'test' }), wb.byMode<number | 'all'>({ fast: 200, full: 'all' }), 0);
  if (mode === 'full') dev = wb.loadSlotIntent(snips, { split: 'valid' });
} else {
  name = 'sample';
  const joint = (await wb.loadSampleJoint()).filter((e) => e.meta?.hasNer && e.meta?.hasCats);
  const split = wb.trainDevSplit(joint, { dev: 0.3, seed: 0 });
  pool = split.train;
  test = split.dev;
}
// The budget must fit the pool: SNIPS has 13k texts, the shipped sample about 160.
const budget = snips
  ? wb.byMode({ fast: { seedSize: 20, batchSize: 20, rounds: 3 }, full: { seedSize: 50, batchSize: 50, rounds: 10 } })
  : { seedSize: 20, batchSize: 20, rounds: wb.byMode({ fast: 3, full: 6 }) };
wb.show(
  wb.tableHtml(
    [
      { set: 'pool', texts: pool.length, use: 'unlabelled pool (gold revealed when picked)' },
      { set: 'test', texts: test.length, use: 'scored after every round' },
      { set: 'dev', texts: dev.length, use: dev.length ? 'picks the epoch each training keeps (best dev score)' : 'none: every epoch runs' },
      { set: 'budget', texts: budget.seedSize + budget.rounds * budget.batchSize, use: `${budget.seedSize} seed texts + ${budget.rounds} rounds × ${budget.batchSize}` },
    ],
    { caption: `Table 1. ${name}: data of the simulation (${mode} mode, seeds ${seeds.join(', ')})` },
  ),
);

// %% [markdown]
// ## 1 · Simulation
//
// Each round's scores and picks are written to the cache as soon as the round ends. A rerun with the
// same options loads the finished rounds and trains only the missing ones.

// %%
const t0 = Date.now();
const points = await wb.simulateActiveLearning({
  pool: pool,
  test: test,
  dev: dev,
  ...budget,
  seeds: seeds,
  config: config,
  outDir: outDir,
  name: name,
  jobs: jobs,
});
console.log(`${points.length} rounds (${wb.SELECTION_STRATEGIES.length} strategies × ${seeds.length} seeds × ${budget.rounds + 1} points) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

// %% [markdown]
// ## 2 · Learning curves per strategy
//
// Test score after each round: entity F1 for the NER and intent accuracy for the classifier. Each
// line is the mean over seeds, and the band is a 95% t interval.

// %%
const curves = wb.toActiveLearningCurves(points);
wb.show(wb.activeLearningCurves(curves, { title: `Figure 1 (${name}). Test score per annotated texts, mean and 95% CI over ${seeds.length} seeds` }));
wb.show(
  wb.tableHtml(
    curves.map((c) => ({ strategy: c.strategy, task: c.task === 'NER' ? 'NER ents_f' : 'textcat cats_acc', ...Object.fromEntries(c.sizes.map((n, i) => [`n=${n}`, c.mean![i]])) })),
    { caption: 'Table 2. Mean test score per strategy after each round' },
  ),
);
const seconds = (key: 'trainSeconds' | 'selectSeconds') => points.reduce((a, p) => a + p[key], 0);
console.log(`time spent: training ${seconds('trainSeconds').toFixed(0)} s, scoring the pool to pick ${seconds('selectSeconds').toFixed(0)} s (rounds run in this session or loaded from the cache)`);

// %% [markdown]
// ## 3 · Tests against random selection
//
// For each strategy, task and seed, the curve is reduced to one number. The area under the curve
// rewards being good early. The final round asks where the budget ends. The numbers are then paired
// with `random` on the same seed.

// %%
const verdicts = [...wb.activeLearningVerdicts(points, { summary: 'area' }), ...wb.activeLearningVerdicts(points, { summary: 'final' })];
wb.show(
  wb.tableHtml(
    verdicts.map((v) => ({ strategy: v.system, summary: v.metric, random: v.baselineValue, strategy_mean: v.value, diff: v.diff, low: v.low, high: v.high, p: v.p, outcome: v.outcome })),
    { caption: 'Table 3. Each strategy minus random, paired t-test over seeds' },
  ),
);

// %% [markdown]
// ## Conclusion
//
// Generated from Table 3 each time the notebook runs. A strategy counts as better or worse than
// random only at p < 0.05.

// %%
const caveat =
  mode === 'fast'
    ? `<p><b>Fast mode:</b> ${seeds.length} seeds, a ${pool.length}-text pool, ${budget.seedSize + budget.rounds * budget.batchSize} texts at most, a small encoder. With two seeds a t-test has one degree of freedom: these numbers only check the analysis.</p>`
    : '';
wb.show(`<h3>Generated conclusion</h3>${caveat}${wb.verdictSummaryHtml(verdicts, { noun: 'strategy' })}`);
