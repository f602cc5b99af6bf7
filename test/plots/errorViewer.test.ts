import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorViewer } from '../../lib/plots/errorViewer';
import { ex, predOf } from '../eval/helpers';

test('errorViewer shows only the texts with an entity or the category wrong, gold beside predicted', () => {
  const gold = [ex('fly to Oslo', [[7, 11, 'CITY']], { FLIGHT: 1, HOTEL: 0 }), ex('a hotel in Rome', [[11, 15, 'CITY']], { FLIGHT: 0, HOTEL: 1 }), ex('to Lima', [[3, 7, 'CITY']], { FLIGHT: 1, HOTEL: 0 })];
  const pred = [predOf(gold[0], [[7, 11, 'CITY']], { FLIGHT: 0.9, HOTEL: 0.1 }), predOf(gold[1], [], { FLIGHT: 0.2, HOTEL: 0.8 }), predOf(gold[2], [[3, 7, 'CITY']], { FLIGHT: 0.3, HOTEL: 0.7 })];
  const { html, wrong } = errorViewer(gold, pred, { labels: ['FLIGHT', 'HOTEL'] });
  assert.equal(wrong, 2);
  assert.match(html, /2 of 3 texts have an entity or category wrong/);
  assert.equal(html.match(/<tr><td/g)?.length, 2);
  assert.doesNotMatch(html, /fly to/);
  const capped = errorViewer(gold, pred, { labels: ['FLIGHT', 'HOTEL'], max: 1 });
  assert.match(capped.html, /The first 1 of 2 wrong texts/);
});
