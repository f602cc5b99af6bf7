import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cooccurrenceHeatmap } from '../../lib/plots/cooccurrenceHeatmap';
import type { Example } from '../../lib/data/types';
import { assertValidFigure } from './helpers';

const ex = (spans: string[], cats: Record<string, number>): Example => ({ text: 'x'.repeat(20), tokens: [], spans: spans.map((label, i) => ({ start: i * 2, end: i * 2 + 1, label })), cats });

const examples = [
  ex(['city', 'city', 'date'], { weather: 1, flight: 0 }),
  ex(['city'], { flight: 1 }),
  ex([], { weather: 1 }),
  ex(['artist'], {}),
];

test('cooccurrenceHeatmap(examples): texts per entity type × gold category, with no-entity / no-category rows', () => {
  const fig = cooccurrenceHeatmap(examples);
  assertValidFigure(fig);
  const hm = fig.data[0];
  assert.deepEqual(hm.y, ['artist', 'city', 'date', '(no entities)']);
  assert.deepEqual(hm.x, ['flight', 'weather', '(no category)']);
  assert.deepEqual(hm.z, [[0, 0, 1], [1, 1, 0], [0, 1, 0], [0, 1, 0]]);
});

test('cooccurrenceHeatmap(count "spans", normalize "category")', () => {
  const fig = cooccurrenceHeatmap(examples, { count: 'spans', normalize: 'category' });
  const z = fig.data[0].z as number[][];
  // weather column: city 2, date 1, no entities 1 → 0.5, 0.25, 0.25
  assert.deepEqual(z.map((r) => r[1]), [0, 0.5, 0.25, 0.25]);
});
