// title: One joint model, end to end
// description: The chatbot builder's path: two Prodigy exports → joint examples → train one shared-encoder pipeline with live progress → dev scores → save, reload, identical predictions → predict and view new texts.

// %% [markdown]
// # 02 · One joint model, end to end
//
// **Question.** Can someone who annotated entities and intents in Prodigy train *one* pipeline for
// both tasks, check it, save it, and get the same predictions back after loading it? This notebook is
// the path a chatbot builder takes. It shows what each step produces and checks two things that can
// go wrong without any error message: a label that ends up on only one side of the train/dev split,
// and predictions that change between saving and loading.
//
// **Method.** The shipped sample (`data/sample`: 240 chatbot messages, five intents, five entity
// types; see notebook 01) is merged into joint examples and split into train and dev, stratified by
// intent. One pipeline with the `shared` scheme is trained on it: one encoder, a CRF tagger head and
// a text classifier head, trained on the summed losses. Training keeps the weights of the epoch with
// the best dev score. The pipeline is scored on dev, saved, reloaded and compared prediction by
// prediction with the one in memory.
//
// **Setup.** Fast mode (`WORKBENCH_FAST=1`) trains a narrower encoder for fewer epochs. Its scores
// check that the path works and are not tuned results. Full mode uses the default config.

// %%
import * as wb from '../dist';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

console.log(`run mode: ${wb.runMode()}`);
const sample = await wb.loadSample();
const joint = wb.mergeDatasets(sample.ner, sample.textcat);
const intents = [...new Set(joint.flatMap((e) => Object.keys(e.cats)))].sort();
const intentOf = (e: wb.Example) => wb.goldLabel(e.cats, intents) ?? '(unknown)';
const { train, dev } = wb.trainDevSplit(joint, { dev: 0.2, seed: 0, stratifyBy: intentOf });
console.log(`${sample.ner.length} NER tasks + ${sample.textcat.length} textcat tasks → ${joint.length} joint examples → ${train.length} train / ${dev.length} dev`);

// %% [markdown]
// ## 1 · Data: the split keeps every intent and entity type on both sides
//
// If a label is missing from dev, it cannot be scored. If it is missing from train, it cannot be
// learned. The tables count labels on each side of the split.

// %%
const trainCounts = wb.labelCounts(train);
const devCounts = wb.labelCounts(dev);
const entityRows = trainCounts.entities.map((t) => ({
  label: t.label,
  'train spans': t.spans,
  'dev spans': devCounts.entities.find((d) => d.label === t.label)?.spans ?? 0,
}));
const intentRows = trainCounts.cats.map((t) => ({
  label: t.label,
  'train texts': t.positive,
  'dev texts': devCounts.cats.find((d) => d.label === t.label)?.positive ?? 0,
}));
wb.show([
  wb.tableHtml(entityRows, { caption: 'Table 1. Entity spans per type in train and dev' }),
  wb.tableHtml(intentRows, { caption: 'Table 2. Texts per intent in train and dev' }),
]);

// %% [markdown]
// ## 2 · The config
//
// The user writes only what differs from the defaults. `validateConfig` fills in every other key and
// records the versioned scheme id (`shared.v1`), so a saved pipeline names exactly what it was trained
// with. Below are the config as written and the full config training uses.

// %%
const config: wb.ConfigInput = {
  scheme: 'shared',
  // Full mode: the defaults, as everywhere else (only the scheme is named).
  ...wb.byMode<wb.ConfigInput>({ fast: { epochs: 8, encoder: { width: 64, depth: 2 } }, full: {} }),
};
console.log('as written:', JSON.stringify(config));
console.log(`scheme: ${wb.schemes.get('shared').item.description}`);
console.log(JSON.stringify(wb.validateConfig(config), null, 2));

// %% [markdown]
// ## 3 · Training with live progress
//
// `trainPipeline` calls `onProgress` after every step and every epoch. The progress line below is
// redrawn in place. It shows the epoch and the dev score that picks the best epoch (the mean of entity
// F1 and the category score). Each epoch record is kept and drawn as training curves afterwards.
// The first epoch's record also carries `dataStats`: what the training data held that is not plain
// complete annotation. The spans annotators rejected in Prodigy's binary mode are training signal
// too: the CRF tagger adds −log(1 − P(span)) for each, the probability the model gives that exact
// entity, so it learns not to predict it.

// %%
const history: wb.EpochProgress[] = [];
const progress = wb.progressReporter({ total: 1, unit: 'pipeline' });
progress.start(`shared on ${train.length} texts`);
const t0 = Date.now();
const pipeline = await wb.trainPipeline(config, train, dev, {
  onProgress: (p) => {
    if (p.type !== 'epoch') return;
    history.push(p);
    progress.epoch(p.epoch, config.epochs!, p.score);
  },
});
progress.end();
progress.finish();
const trainSeconds = (Date.now() - t0) / 1000;
console.log(`trained ${history.length} epochs in ${trainSeconds.toFixed(1)} s; labels: ${pipeline.labels.ents.join(', ')} | ${pipeline.labels.cats.join(', ')}`);
console.log('training data:', JSON.stringify(history[0].dataStats));
wb.show(wb.trainingCurves(history, { dev: ['ents_f', 'cats_score', 'score'], title: 'Figure 1. Training losses and dev scores per epoch' }));

// %% [markdown]
// ## 4 · Results on dev
//
// `evaluate` runs the pipeline on the dev examples and scores them against the gold annotation.
// Entities are scored by exact span and label. Categories are scored only where the intent is known,
// and the headline category score is named in `cats_score_desc`. Sentence accuracy counts texts
// where the intent and every entity are right.

// %%
const scores = wb.evaluate(pipeline, dev);
const metric = (name: string, value: number | null | undefined, meaning: string) => ({ metric: name, value: value ?? null, meaning });
wb.show(
  wb.tableHtml(
    [
      metric('ents_p', scores.ents_p, 'entity precision (exact span and label)'),
      metric('ents_r', scores.ents_r, 'entity recall'),
      metric('ents_f', scores.ents_f, 'entity F1'),
      metric('cats_score', scores.cats_score, scores.cats_score_desc),
      metric('cats_acc', scores.cats_acc, `intent accuracy (${scores.cats_n_examples} texts with a known intent)`),
      metric('cats_macro_f', scores.cats_macro_f, 'intent macro F1'),
      metric('sentence_acc', scores.sentence_acc, 'intent and all entities right'),
      metric('tokens_per_second', scores.tokens_per_second, 'prediction speed on dev'),
    ],
    { caption: `Table 3. Dev scores (${dev.length} texts)` },
  ),
);
wb.show(
  wb.tableHtml(
    Object.entries(scores.ents_per_type).map(([label, s]) => ({ label, support: s.support, p: s.p, r: s.r, f: s.f })),
    { caption: 'Table 4. Entity scores per type on dev' },
  ),
);

// %% [markdown]
// ## 5 · Save, list, reload, compare
//
// `pipeline.save(dir)` writes the config, labels, feature settings, weights and a manifest holding
// the size and sha256 of every file. The files are written to a temporary sibling folder first and
// then renamed into place. `loadPipeline` checks every file against the manifest before it reads any
// weights. The reloaded pipeline must give the same predictions as the one in memory: the same spans
// and bit-identical category probabilities.

// %%
const saveDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-02-')), 'chatbot-pipeline');
await pipeline.save(saveDir);
wb.show(
  wb.tableHtml(
    fs.readdirSync(saveDir).sort().map((file) => ({ file, bytes: fs.statSync(path.join(saveDir, file)).size })),
    { caption: `Table 5. Files written to ${saveDir}` },
  ),
);
const reloaded = await wb.loadPipeline(saveDir);
const before = pipeline.predictExamples(dev);
const after = reloaded.predictExamples(dev);
const same = before.filter((b, i) => JSON.stringify([b.spans, b.cats]) === JSON.stringify([after[i].spans, after[i].cats])).length;
const reloadedScores = wb.evaluate(reloaded, dev);
console.log(`identical predictions after reload: ${same} / ${dev.length} dev texts`);
console.log(`dev ents_f ${scores.ents_f?.toFixed(4)} → ${reloadedScores.ents_f?.toFixed(4)}, cats_score ${scores.cats_score?.toFixed(4)} → ${reloadedScores.cats_score?.toFixed(4)}`);

// %% [markdown]
// ## 6 · Predicting new texts
//
// `predict` takes raw strings. It tokenizes them the same way as in training and returns entities with
// character offsets and a probability for every intent. None of the texts below is in the sample.
// The viewer marks the entities and draws a bar for each intent's probability.

// %%
const newTexts = [
  'book me a flight from Lisbon to Oslo next Friday',
  'any good ramen places open near Kreuzberg tonight?',
  'play something by Nina Simone',
  'will it snow in Denver on Sunday',
  'I need a hotel in Kyoto for three nights starting March 3',
];
const predictions = reloaded.predict(newTexts);
wb.show(
  wb.tableHtml(
    predictions.map((p, i) => {
      const top = wb.argmaxLabel(p.cats, reloaded.labels.cats);
      return {
        text: newTexts[i],
        intent: top ?? '',
        p: top ? p.cats[top] : null,
        entities: p.ents.map((e) => `${e.text} [${e.label}]`).join(', '),
      };
    }),
    { caption: 'Table 6. Predictions of the reloaded pipeline for new texts' },
  ),
);
wb.show(predictions.map((p, i) => ({ html: wb.renderEntities(newTexts[i], p.ents, p.cats, { maxCats: 3 }) })));

// %% [markdown]
// ## Conclusion
//
// The summary below is generated from the numbers above, so it stays true when the run changes.

// %%
const pct = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(1)}%`);
const best = history.reduce((a, b) => ((b.score ?? -1) > (a.score ?? -1) ? b : a), history[0]);
wb.show(
  `<div>
<p><b>Summary (${wb.runMode()} mode).</b> ${train.length} joint training texts, ${dev.length} dev texts.
The <code>shared</code> pipeline trained ${history.length} epochs in ${trainSeconds.toFixed(0)} s. The best dev score was at epoch ${best.epoch}.</p>
<ul>
<li>Dev entity F1 ${pct(scores.ents_f)} (P ${pct(scores.ents_p)}, R ${pct(scores.ents_r)}), intent accuracy ${pct(scores.cats_acc)},
sentence accuracy ${pct(scores.sentence_acc)}.</li>
<li>Saved in ${fs.readdirSync(saveDir).length} files. After reloading, ${same} of ${dev.length} dev predictions are identical
${same === dev.length ? '(all: the save/load round trip loses nothing)' : '(<b>not all</b>: the round trip changed predictions)'}.</li>
</ul></div>`,
);
pipeline.dispose();
reloaded.dispose();
fs.rmSync(path.dirname(saveDir), { recursive: true, force: true });
