import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenRange } from '../../lib/data/align';
import { tokenize } from '../../lib/data/tokenize';

// "fly to st. louis" → fly | to | st | . | louis (offsets 0-3, 4-6, 7-9, 9-10, 11-16)
const tokens = tokenize('fly to st. louis');

test('tokenRange finds the tokens a character range covers and whether its edges are token edges', () => {
  assert.deepEqual(tokens.map((t) => [t.start, t.end]), [[0, 3], [4, 6], [7, 9], [9, 10], [11, 16]]);
  assert.deepEqual(tokenRange(tokens, 7, 16), { first: 2, last: 4, aligned: true }); // "st. louis"
  assert.deepEqual(tokenRange(tokens, 9, 10), { first: 3, last: 3, aligned: true }); // "."
  assert.deepEqual(tokenRange(tokens, 0, 16), { first: 0, last: 4, aligned: true });
});

test('tokenRange: edges inside a token or in whitespace are not aligned; the covering tokens are still found', () => {
  assert.deepEqual(tokenRange(tokens, 12, 16), { first: 4, last: 4, aligned: false }); // "ouis"
  assert.deepEqual(tokenRange(tokens, 1, 5), { first: 0, last: 1, aligned: false }); // "ly t"
  assert.deepEqual(tokenRange(tokens, 3, 6), { first: 1, last: 1, aligned: false }); // " to": starts in whitespace
  assert.deepEqual(tokenRange(tokens, 10, 11), { first: 4, last: 3, aligned: false }); // the space: no token
  assert.deepEqual(tokenRange([], 0, 1), { first: 0, last: -1, aligned: false });
});
