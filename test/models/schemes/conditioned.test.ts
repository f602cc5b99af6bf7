import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSampleJoint } from '../../../lib/data/sample';
import type { Example } from '../../../lib/data/types';
import { tokenize } from '../../../lib/data/tokenize';
import { nerUncertainty } from '../../../lib/experiments/uncertainty';
import { Rng, tf } from '../../../lib/engine';
import { collectLabels, trainPipeline } from '../../../lib/models';
import { makeBatch } from '../../../lib/models/inputs/batch';
import { prepareForPrediction } from '../../../lib/models/inputs/doc';
import {
  collectConditionedLabels,
  conditionedTags,
  goldTagMap,
  readConditioned,
} from '../../../lib/models/schemes/conditionedLabels';

const eg = (text: string, spans: [string, string][], cats: Record<string, number>, meta?: Example['meta']): Example => ({
  text,
  tokens: tokenize(text),
  spans: spans.map(([word, label]) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, label })),
  cats,
  ...(meta ? { meta } : {}),
});

const data = [
  eg('play Adele now', [['Adele', 'artist']], { Music: 1, Weather: 0 }),
  eg('rain in Paris', [['Paris', 'city']], { Weather: 1 }),
  eg('Adele in Paris', [['Adele', 'artist'], ['Paris', 'city']], {}), // no category: plain labels
  eg('Paris both', [['Paris', 'city']], { Music: 1, Weather: 1 }), // two positives: the first (Music)
  eg('Rome ignored', [['Rome', 'city']], { Weather: 1 }, { hasNer: false }), // not NER annotation
];

test('collectConditionedLabels: observed (category, entity) pairs, plain labels without a category', () => {
  const labels = collectConditionedLabels(collectLabels(data, 'biluo', 'auto'), data);
  assert.deepEqual(labels.ents, ['artist', 'city'], 'user-visible labels stay plain');
  assert.deepEqual(labels.schemeLabels, { cat: ['Music', 'Music', 'Weather', '', ''], ent: ['artist', 'city', 'city', 'artist', 'city'] });
  const t = conditionedTags(labels);
  assert.deepEqual(t.tagLabels.ents, ['Music_artist', 'Music_city', 'Weather_city', 'artist', 'city']);
  assert.equal(t.tagLabels.tags.length, 1 + 4 * 5);
  assert.deepEqual(t.tagLabels.tags.slice(0, 5), ['O', 'B-Music_artist', 'I-Music_artist', 'L-Music_artist', 'U-Music_artist']);
  assert.deepEqual([...t.catOf], [0, 0, 1, -1, -1]);
  assert.deepEqual(t.entOf, ['artist', 'city', 'city', 'artist', 'city']);
});

test('goldTagMap: plain tag + condition category → CAT_ENT tag, -1 for unseen pairs', () => {
  const labels = collectConditionedLabels(collectLabels(data, 'biluo', 'auto'), data);
  const t = conditionedTags(labels);
  const map = goldTagMap(labels, t);
  const K = labels.tags.length;
  const at = (cat: number, tag: string) => map[cat * K + labels.tags.indexOf(tag)];
  const name = (id: number) => (id < 0 ? -1 : t.tagLabels.tags[id]);
  assert.equal(name(at(0, 'U-artist')), 'U-Music_artist');
  assert.equal(name(at(1, 'B-city')), 'B-Weather_city');
  assert.equal(name(at(2, 'L-artist')), 'L-artist', 'row nCats = no category');
  assert.equal(at(1, 'U-artist'), -1, 'Weather_artist never seen');
  assert.equal(at(1, 'O'), 0);
});

test('readConditioned: category from entity-token votes mixed with the textcat; plain labels back', () => {
  const labels = collectConditionedLabels(collectLabels(data, 'biluo', 'auto'), data);
  const t = conditionedTags(labels);
  const tokens = tokenize('play Adele Smith in Paris');
  const ents = [
    { start: 5, end: 16, label: 'Music_artist', text: 'Adele Smith' },
    { start: 20, end: 25, label: 'Weather_city', text: 'Paris' },
  ];
  const out = readConditioned(ents, tokens, { Music: 0.2, Weather: 0.8 }, t, 0.5);
  assert.deepEqual(out.ents.map((e) => e.label), ['artist', 'city']);
  // Votes: Music 2 tokens, Weather 1 → (0.2 + 2/3)/2 and (0.8 + 1/3)/2.
  assert.ok(Math.abs(out.cats.Music - (0.2 + 2 / 3) / 2) < 1e-9);
  assert.ok(Math.abs(out.cats.Weather - (0.8 + 1 / 3) / 2) < 1e-9);
  const none = readConditioned([{ start: 20, end: 25, label: 'city', text: 'Paris' }], tokens, { Music: 0.2, Weather: 0.8 }, t, 0.5);
  assert.deepEqual(none.cats, { Music: 0.2, Weather: 0.8 }, 'plain entities do not vote: the textcat decides');
});

test('conditioned: trained pipeline tags CAT_ENT internally, shows plain labels, reads the category off the tags', async () => {
  const all = await loadSampleJoint();
  const train = all.filter((e) => e.meta?.hasNer !== false).slice(0, 40);
  const p = await trainPipeline(
    { scheme: 'conditioned', epochs: 12, batchSize: 8, learnRate: 0.01, dropout: 0, encoder: { width: 32, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 100, 200, 100] }, training: { regime: 'standard', warmupSteps: 0 } },
    train,
  );
  const pairs = new Set([...p.labels.ents, ...p.labels.cats.flatMap((c) => p.labels.ents.map((e) => `${c}_${e}`))]);
  assert.ok(p.model.tagLabels.ents.every((l) => pairs.has(l)), p.model.tagLabels.ents.join(','));
  assert.ok(p.model.tagLabels.ents.some((l) => p.labels.ents.includes(l)), 'texts with only rejected intents give plain labels');
  assert.ok(p.model.tagLabels.ents.some((l) => l.startsWith('PLAY_MUSIC_')), p.model.tagLabels.ents.join(','));
  assert.equal(p.constraints.nTags, p.model.tagLabels.tags.length);
  const preds = p.predict(train.map((e) => e.text));
  const labels = new Set(preds.flatMap((x) => x.ents.map((e) => e.label)));
  assert.ok(labels.size > 0 && [...labels].every((l) => p.labels.ents.includes(l)), [...labels].join(','));
  // Category scores = ½·textcat + ½·votes where entities vote: the implied votes are a distribution.
  assert.equal(p.labelSet.exclusive, false, 'two texts have only rejected intents: multilabel');
  const batch = makeBatch(prepareForPrediction(train), p.featurizer, p.labelSet.cats.length);
  const textcat = tf.tidy(() => Array.from(tf.sigmoid(p.model.forward(batch, { isTrain: false, rng: new Rng(0) }).catLogits!).dataSync()));
  const C = p.labelSet.cats.length;
  let voted = 0;
  preds.forEach((x, i) => {
    const own = textcat.slice(i * C, (i + 1) * C);
    const votes = p.labelSet.cats.map((c, j) => 2 * x.cats[c] - own[j]);
    if (x.ents.length === 0) {
      p.labelSet.cats.forEach((c, j) => assert.ok(Math.abs(x.cats[c] - own[j]) < 1e-6, `text ${i} without entities: textcat only`));
    } else if (votes.some((v, j) => Math.abs(v - own[j]) > 1e-6)) {
      voted++;
      assert.ok(votes.every((v) => v > -1e-5 && v < 1 + 1e-5), `text ${i}: votes ${votes}`);
      assert.ok(Math.abs(votes.reduce((a, b) => a + b, 0) - 1) < 1e-5, `text ${i}: votes ${votes}`);
    }
  });
  assert.ok(voted > 0, 'some texts have category votes');
  // Uncertainty (lib/experiments) scores the CAT_ENT tag set through pipeline.constraints.
  const u = nerUncertainty(p, train.slice(0, 5));
  assert.ok(u.every((x) => x >= 0 && x <= 1) && u.length === 5);
  p.dispose();
});
