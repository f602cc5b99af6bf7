import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PhraseMatcher } from '../../lib/streams/phraseMatcher';
import { tokenize } from '../../lib/data/tokenize';

test('matcher.match(text) finds patterns with token and character offsets', () => {
  const m = new PhraseMatcher([{ pattern: 'New York', label: 'GPE', id: 'ny' }, 'Berlin']);
  assert.equal(m.size, 2);
  assert.deepEqual(m.match('From New York (to Berlin).'), [
    { label: 'GPE', id: 'ny', tokenStart: 1, tokenEnd: 3, start: 5, end: 13, text: 'New York' },
    { label: 'PHRASE', tokenStart: 5, tokenEnd: 6, start: 18, end: 24, text: 'Berlin' },
  ]);
  assert.deepEqual(m.match(''), []);
});

test('matcher.match(text) prefers the longest match at a start', () => {
  const m = new PhraseMatcher([{ pattern: 'New York', label: 'GPE' }, { pattern: 'New York City', label: 'CITY' }, { pattern: 'New', label: 'ADJ' }]);
  assert.deepEqual(
    m.match('New York City and New York and New ideas').map((x) => [x.label, x.text]),
    [['CITY', 'New York City'], ['GPE', 'New York'], ['ADJ', 'New']],
  );
});

test('matcher.match(text) keeps non-overlapping matches like filter_spans (longest first)', () => {
  const m = new PhraseMatcher(['a b', 'b c d', 'a']);
  // "b c d" is longest and wins; "a b" overlaps it, so the shorter "a" at the same start is kept.
  assert.deepEqual(m.match('a b c d').map((x) => x.text), ['a', 'b c d']);
  // Equal length: the earliest wins.
  const n = new PhraseMatcher(['x y', 'y z']);
  assert.deepEqual(n.match('x y z').map((x) => x.text), ['x y']);
});

test('PhraseMatcher(patterns, {attr}) compares ORTH exactly and LOWER case-insensitively', () => {
  const orth = new PhraseMatcher(['Apple']);
  const lower = new PhraseMatcher(['Apple'], { attr: 'LOWER' });
  assert.deepEqual(orth.match('apple APPLE Apple').map((x) => x.start), [12]);
  assert.deepEqual(lower.match('apple APPLE Apple').map((x) => x.start), [0, 6, 12]);
});

test('matcher.match(tokens, text) matches given tokens', () => {
  const text = "The  U.S.   don't";
  const m = new PhraseMatcher(['U.S.', 'do']);
  assert.deepEqual(m.match(tokenize(text), text).map((x) => [x.text, x.tokenStart]), [['U.S.', 1], ['do', 2]]);
});

test('PhraseMatcher(patterns) tokenizes patterns, dedups them and rejects empty ones', () => {
  const m = new PhraseMatcher(['(Berlin)', 'Berlin', { pattern: 'Berlin', label: 'OTHER' }]);
  assert.equal(m.size, 2);
  assert.deepEqual(m.match('in (Berlin) now').map((x) => [x.text, x.label]), [['(Berlin)', 'PHRASE']]);
  assert.throws(() => new PhraseMatcher(['ok', '  ']), /E007.*example 1.*has no tokens/);
  assert.throws(() => new PhraseMatcher([3 as unknown as string]), /E007.*must be a string/);
  assert.throws(() => new PhraseMatcher([], { attr: 'NORM' as 'ORTH' }), /E007.*attr must be/);
});

test('PhraseMatcher(100k patterns) builds and matches', () => {
  const patterns = Array.from({ length: 100_000 }, (_, i) => `term${i} x${i % 7}`);
  const m = new PhraseMatcher(patterns, { attr: 'LOWER' });
  assert.equal(m.size, 100_000);
  assert.deepEqual(m.match('see TERM99999 x4 and term5 x5 but not term5 x4').map((x) => x.text), ['TERM99999 x4', 'term5 x5']);
});
