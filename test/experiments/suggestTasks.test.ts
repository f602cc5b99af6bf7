import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestTasks } from '../../lib/experiments/suggestTasks';
import { catUncertainty } from '../../lib/experiments/uncertainty';
import { trainPipeline, type JointPipeline } from '../../lib/models';
import { collect } from '../../lib/streams/iter';
import { PhraseMatcher } from '../../lib/streams/phraseMatcher';
import { sampleData, TINY } from './helpers';

let pipeline: JointPipeline;
let texts: string[];
before(async () => {
  const d = await sampleData();
  pipeline = await trainPipeline(TINY, d.train, d.dev);
  texts = d.test.map((e) => e.text);
});

type Meta = { matched?: boolean; score: number; ner_uncertainty: number; cat_uncertainty: number; reason: string };

test('suggestTasks puts pattern matches first, then keeps texts whose uncertainty beats the moving average', async () => {
  const patterns = new PhraseMatcher([{ pattern: 'Lima', label: 'CITY' }], { attr: 'LOWER' });
  const tasks = await collect(suggestTasks(pipeline, texts.map((text) => ({ text })), { patterns, sorter: { patience: 1000 } }));
  const metas = tasks.map((t) => t.meta as Meta);
  const firstOther = metas.findIndex((m) => !m.matched);
  const nMatches = texts.filter((t) => /lima/i.test(t)).length;
  assert.ok(nMatches > 0);
  assert.equal(firstOther, nMatches);
  assert.ok(tasks.length < texts.length, 'prefer_uncertain skips texts');
  // Each kept text is at least as uncertain as the mean of those before it was (the EMA rule with bias 0).
  const kept = metas.slice(firstOther);
  assert.ok(kept.length > 0);
  for (const m of kept) assert.match(m.reason, /^joint uncertainty/);
});

test('suggestTasks --strategy cat: the score is catUncertainty of the predicted categories', async () => {
  const tasks = await collect(suggestTasks(pipeline, texts.slice(0, 10).map((text) => ({ text })), { strategy: 'cat' }));
  for (const t of tasks) {
    const expected = catUncertainty(t.cats as Record<string, number>, pipeline.labels.cats, pipeline.labelSet.exclusive);
    assert.ok(Math.abs((t.meta as Meta).score - expected) < 1e-5);
  }
});

test('suggestTasks rejects an unknown strategy (E007)', async () => {
  await assert.rejects(collect(suggestTasks(pipeline, [{ text: 'a' }], { strategy: 'entropy' as never })), /\[E007\].*strategy/);
});
