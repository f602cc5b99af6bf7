import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainDevSplit } from '../../lib/data/split';

const items = Array.from({ length: 100 }, (_, i) => ({ id: i, label: i < 70 ? 'a' : i < 95 ? 'b' : i < 98 ? 'c' : i < 99 ? 'd' : 'e' }));

test('trainDevSplit(examples, {dev, seed}) is deterministic, disjoint, complete and order-keeping', () => {
  const a = trainDevSplit(items, { dev: 0.2, seed: 1 });
  const b = trainDevSplit(items, { dev: 0.2, seed: 1 });
  const c = trainDevSplit(items, { dev: 0.2, seed: 2 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.dev, c.dev);
  assert.equal(a.dev.length, 20);
  assert.equal(a.train.length, 80);
  const ids = [...a.train, ...a.dev].map((x) => x.id).sort((x, y) => x - y);
  assert.deepEqual(ids, items.map((x) => x.id));
  assert.deepEqual(a.dev.map((x) => x.id), [...a.dev.map((x) => x.id)].sort((x, y) => x - y));
  assert.equal(trainDevSplit(items, { dev: 7, seed: 1 }).dev.length, 7);
  assert.equal(trainDevSplit(items, { dev: 0, seed: 1 }).dev.length, 0);
});

test('trainDevSplit(examples, {stratifyBy}) keeps proportions and gives each stratum of ≥ 2 a dev item', () => {
  const { train, dev } = trainDevSplit(items, { dev: 0.1, seed: 3, stratifyBy: (x) => x.label });
  const count = (xs: typeof items, l: string) => xs.filter((x) => x.label === l).length;
  assert.equal(count(dev, 'a'), 7);
  assert.ok(count(dev, 'b') >= 2 && count(dev, 'b') <= 3);
  assert.equal(count(dev, 'c'), 1); // 3 × 0.1 rounds to 0, but a stratum of ≥ 2 gets one
  assert.equal(count(dev, 'd'), 0); // singletons stay in train
  assert.equal(count(train, 'e'), 1);
  assert.equal(dev.length, 10);
  assert.deepEqual(trainDevSplit(items, { dev: 0.1, seed: 3, stratifyBy: (x) => x.label }).dev, dev);
});

test('trainDevSplit(examples, {stratifyBy}) with more strata than dev slots still serves every stratum', () => {
  const xs = Array.from({ length: 12 }, (_, i) => ({ label: String(i % 6) }));
  const { train, dev } = trainDevSplit(xs, { dev: 2, seed: 0, stratifyBy: (x) => x.label });
  assert.equal(new Set(dev.map((x) => x.label)).size, 6);
  assert.equal(new Set(train.map((x) => x.label)).size, 6);
});

test('trainDevSplit(examples, {dev}) rejects sizes it cannot honour with E007', () => {
  assert.throws(() => trainDevSplit(items, { dev: -0.1, seed: 0 }), /E007.*dev/);
  assert.throws(() => trainDevSplit(items, { dev: 2.5, seed: 0 }), /E007/);
  assert.throws(() => trainDevSplit(items, { dev: 101, seed: 0 }), /E007/);
  assert.throws(() => trainDevSplit(items, { dev: 0.1, seed: NaN }), /E007.*seed/);
});
