import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataFingerprint, shortHash } from '../../lib/experiments/fingerprint';
import type { Example } from '../../lib/data/types';

const eg = (text: string, label = 'A'): Example => ({
  text,
  tokens: [{ text, start: 0, end: text.length }],
  spans: [{ start: 0, end: text.length, label: 'X' }],
  cats: { [label]: 1 },
});

test('dataFingerprint(examples) changes with text, annotation and order, not with meta', () => {
  const base = dataFingerprint([eg('a'), eg('b')]);
  assert.match(base, /^[0-9a-f]{16}$/);
  assert.equal(dataFingerprint([eg('a'), eg('b')]), base);
  assert.equal(dataFingerprint([{ ...eg('a'), meta: { line: 3 } }, eg('b')]), base);
  assert.notEqual(dataFingerprint([eg('b'), eg('a')]), base);
  assert.notEqual(dataFingerprint([eg('a', 'B'), eg('b')]), base);
  assert.notEqual(dataFingerprint([{ ...eg('a'), spans: [] }, eg('b')]), base);
  assert.notEqual(dataFingerprint([eg('a')]), base);
});

test('shortHash(value) ignores key order', () => {
  assert.equal(shortHash({ a: 1, b: [1, 2] }), shortHash({ b: [1, 2], a: 1 }));
  assert.notEqual(shortHash({ a: 1 }), shortHash({ a: 2 }));
});
