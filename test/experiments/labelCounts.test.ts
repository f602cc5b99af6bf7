import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelCounts, dataFrame } from '../../lib/experiments/labelCounts';
import type { Example } from '../../lib/data/types';

const ex = (spans: [string, number][], cats: Record<string, number>, negSpans: string[] = []): Example => ({
  text: 'x'.repeat(20),
  tokens: [],
  spans: spans.map(([label, start]) => ({ start, end: start + 1, label })),
  cats,
  negSpans: negSpans.map((label) => ({ start: 0, end: 1, label })),
});

const data = [
  ex([['CITY', 0], ['CITY', 2], ['DATE', 4]], { BOOK: 1, PLAY: 0 }),
  ex([['DATE', 0]], { BOOK: 0 }, ['CITY']),
  ex([], {}),
  ex([['CITY', 1]], { PLAY: 1 }),
];

test('labelCounts(examples) counts spans, texts and rejected spans per entity label', () => {
  assert.deepEqual(labelCounts(data).entities, [
    { label: 'CITY', spans: 3, texts: 2, rejected: 1 },
    { label: 'DATE', spans: 2, texts: 2, rejected: 0 },
  ]);
});

test('labelCounts(examples) counts positive, negative and unknown per category', () => {
  assert.deepEqual(labelCounts(data).cats, [
    { label: 'BOOK', positive: 1, negative: 1, unknown: 2 },
    { label: 'PLAY', positive: 1, negative: 1, unknown: 2 },
  ]);
});

test('labelCounts(generator) reads any iterable once; nothing gives empty tables', () => {
  function* gen() {
    yield* data;
  }
  assert.equal(labelCounts(gen()).entities[0].spans, 3);
  assert.deepEqual(labelCounts([]), { entities: [], cats: [] });
});

test('dataFrame(rows) builds a danfojs DataFrame with the rows as values', () => {
  const df = dataFrame(labelCounts(data).entities);
  assert.deepEqual(df.columns, ['label', 'spans', 'texts', 'rejected']);
  assert.deepEqual(df.values, [['CITY', 3, 2, 1], ['DATE', 2, 2, 0]]);
});
