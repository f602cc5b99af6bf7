import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, evaluateRun, scoreExamples } from '../../lib/eval/evaluate';
import type { Example } from '../../lib/data/types';
import type { Pipeline, Prediction } from '../../lib/models/pipeline/pipeline';
import { close, ex, predOf } from './helpers';

// A test double: returns fixed predictions keyed by text (a real pipeline comes from lib/models).
function fixedPipeline(byText: Map<string, Example>, cats: string[], opts: { drop?: boolean } = {}): Pipeline {
  const predictOne = (text: string): Prediction => {
    const p = byText.get(text)!;
    return { cats: p.cats, ents: p.spans.map((s) => ({ ...s, text: text.slice(s.start, s.end) })) };
  };
  return {
    config: {},
    labels: { ents: ['PER', 'LOC'], cats },
    predict: ((t: string | string[]) => (Array.isArray(t) ? t.map(predictOne) : predictOne(t))) as Pipeline['predict'],
    predictExamples: (examples) => (opts.drop ? examples.slice(1) : examples).map((e) => ({ ...byText.get(e.text)! })),
    save: async () => {},
    dispose: () => {},
  };
}

const gold = [
  ex('Alice met Bob .', [[0, 5, 'PER'], [10, 13, 'PER']], { news: 1, sport: 0 }, { doc: 'd1', paragraph: 0 }),
  ex('Alice left .', [[0, 5, 'PER']], { news: 1, sport: 0 }, { doc: 'd1', paragraph: 1 }),
  ex('Paris won .', [[0, 5, 'LOC']], { sport: 1, news: 0 }, { doc: 'd2', paragraph: 0 }),
];
// The second paragraph of d1 was dropped by a cascade: its prediction is empty.
const pred = [
  predOf(gold[0], [[0, 5, 'PER']], { news: 0.8, sport: 0.2 }),
  predOf(gold[1], [], { news: 0.4, sport: 0.6 }),
  predOf(gold[2], [[0, 5, 'LOC']], { news: 0.3, sport: 0.7 }),
];

test('scoreExamples(gold, pred): entity, category, sentence and document-level scores together', () => {
  const s = scoreExamples(gold, pred);
  close(s.ents_p, 1);
  close(s.ents_r, 0.5);
  close(s.cats_acc, 2 / 3);
  close(s.sentence_acc, 1 / 3);
  assert.equal(s.n_examples, 3);
  // Documents: d1 gold {PER alice, PER bob}, pred {PER alice}; d2 {LOC paris} found.
  close(s.doc_ents_p, 1);
  close(s.doc_ents_r, 2 / 3);
  close(s.doc_ents_f, 0.8);
  assert.equal(s.n_docs, 2);
  assert.equal(s.n_paragraphs, 3);
  assert.equal(s.predict_seconds, undefined);
});

test('scoreExamples without meta.doc has no document-level fields', () => {
  const strip = (e: Example): Example => ({ ...e, meta: undefined });
  const s = scoreExamples(gold.map(strip), pred.map(strip));
  assert.equal('doc_ents_f' in s, false);
});

test('evaluate(pipeline, examples): runs the pipeline on every example and adds timing', () => {
  const pipeline = fixedPipeline(new Map(pred.map((p) => [p.text, p])), ['news', 'sport']);
  const s = evaluate(pipeline, gold);
  assert.deepEqual({ ...s, predict_seconds: 0, tokens_per_second: 0 }, { ...scoreExamples(gold, pred), predict_seconds: 0, tokens_per_second: 0 });
  assert.ok(s.predict_seconds! >= 0);
  assert.ok(s.tokens_per_second! > 0);
  const run = evaluateRun(pipeline, gold);
  assert.equal(run.predictions.length, 3);
});

test('evaluate: the pipeline labels define the categories scored (a label never in gold still competes)', () => {
  const withOther = pred.map((p, i) => (i === 2 ? { ...p, cats: { news: 0.3, sport: 0.2 } } : p));
  const pipeline = fixedPipeline(new Map(withOther.map((p) => [p.text, p])), ['news', 'sport', 'weather']);
  const s = evaluate(pipeline, gold);
  assert.deepEqual(Object.keys(s.cats_f_per_type), ['news', 'sport', 'weather']);
  close(s.cats_acc, 1 / 3);
});

test('evaluate: a gold category the pipeline never learnt stays in cats_f_per_type with its support, and counts in the micro scores', () => {
  const devGold = [...gold, ex('Rain again .', [], { news: 0, sport: 0, weather: 1 })];
  const devPred = [...pred, predOf(devGold[3], [], { news: 0.1, sport: 0.2 })];
  const pipeline = fixedPipeline(new Map(devPred.map((p) => [p.text, p])), ['news', 'sport']);
  const s = evaluate(pipeline, devGold);
  assert.deepEqual(Object.keys(s.cats_f_per_type), ['news', 'sport', 'weather']);
  assert.equal(s.cats_f_per_type.weather.support, 1);
  assert.equal(s.cats_f_per_type.weather.fn, 1);
  assert.deepEqual({ ...s, predict_seconds: 0, tokens_per_second: 0 }, { ...scoreExamples(devGold, devPred), predict_seconds: 0, tokens_per_second: 0 });
});

test('evaluate: a pipeline that returns fewer predictions than examples is an error', () => {
  const pipeline = fixedPipeline(new Map(pred.map((p) => [p.text, p])), ['news', 'sport'], { drop: true });
  assert.throws(() => evaluate(pipeline, gold), /\[E501\].*2 predictions for 3 examples/);
});
