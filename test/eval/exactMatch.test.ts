import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactMatch } from '../../lib/eval/exactMatch';
import { ex, predOf } from './helpers';

const gold = [
  ex('book a flight to Paris', [[17, 22, 'city']], { BookFlight: 1, GetWeather: 0 }),
  ex('weather in Rome', [[11, 15, 'city']], { GetWeather: 1, BookFlight: 0 }),
  ex('weather in Oslo', [[11, 15, 'city']], { GetWeather: 1, BookFlight: 0 }),
  ex('fly to Lima', [[7, 11, 'city']], { BookFlight: 1, GetWeather: 0 }),
];

test('exactMatch(exclusive): an example counts only with the argmax category and all entities right', () => {
  const pred = [
    predOf(gold[0], [[17, 22, 'city']], { BookFlight: 0.9, GetWeather: 0.1 }), // right
    predOf(gold[1], [[11, 15, 'country']], { BookFlight: 0.2, GetWeather: 0.8 }), // wrong label
    predOf(gold[2], [[11, 15, 'city']], { BookFlight: 0.6, GetWeather: 0.4 }), // wrong category
    predOf(gold[3], [[7, 11, 'city'], [0, 3, 'city']], { BookFlight: 0.7, GetWeather: 0.3 }), // extra entity
  ];
  assert.equal(exactMatch(gold, pred), 0.25);
});

test('exactMatch(multilabel): the thresholded set must equal the gold set; unknown categories are not checked', () => {
  const g = [ex('a b', [[0, 1, 'T']], { X: 1, Y: 1 }), ex('c d', [], { X: 0 }), ex('e f', [[2, 3, 'T']])];
  const p = [predOf(g[0], [[0, 1, 'T']], { X: 0.9, Y: 0.4 }), predOf(g[1], [], { X: 0.1, Y: 0.9 }), predOf(g[2], [[2, 3, 'T']], { X: 0.9 })];
  // ex0: Y missed; ex1: X right (Y unknown); ex2: no known categories, entities right.
  assert.equal(exactMatch(g, p, { exclusive: false }), 2 / 3);
});

test('exactMatch(no examples) is null', () => {
  assert.equal(exactMatch([], []), null);
});
