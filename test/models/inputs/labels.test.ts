import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectLabels, inferExclusive, tagNames } from '../../../lib/models/inputs/labels';
import type { Example } from '../../../lib/data/types';

const eg = (cats: Record<string, number>, spans: { start: number; end: number; label: string }[] = []): Example => ({
  text: 'a b',
  tokens: [
    { text: 'a', start: 0, end: 1 },
    { text: 'b', start: 2, end: 3 },
  ],
  spans,
  cats,
});

test('tagNames(labels, scheme) lists O then per label B/I/L/U or B/I', () => {
  assert.deepEqual(tagNames(['X'], 'biluo'), ['O', 'B-X', 'I-X', 'L-X', 'U-X']);
  assert.deepEqual(tagNames(['X', 'Y'], 'bio'), ['O', 'B-X', 'I-X', 'B-Y', 'I-Y']);
});

test('inferExclusive: one positive per text → exclusive; several or none → multilabel', () => {
  assert.equal(inferExclusive([eg({ A: 1, B: 0 }), eg({ A: 0, B: 1 }), eg({})]), true);
  assert.equal(inferExclusive([eg({ A: 1, B: 1 })]), false);
  assert.equal(inferExclusive([eg({ A: 1 }), eg({ B: 0 })]), false, 'a text with only a rejection is binary-style');
  assert.equal(inferExclusive([eg({ A: 1 }), eg({ A: 1 })]), false, 'one label is a binary (sigmoid) task');
});

test('collectLabels sorts entity and category labels and builds tags', () => {
  const labels = collectLabels([eg({ B: 1, A: 0 }, [{ start: 0, end: 1, label: 'Z' }]), eg({ A: 1, B: 0 }, [{ start: 2, end: 3, label: 'Y' }])], 'bio', 'auto');
  assert.deepEqual(labels.ents, ['Y', 'Z']);
  assert.deepEqual(labels.cats, ['A', 'B']);
  assert.deepEqual(labels.tags, ['O', 'B-Y', 'I-Y', 'B-Z', 'I-Z']);
  assert.equal(labels.exclusive, true);
});

test('collectLabels(mode exclusive) names the example with two positive categories', () => {
  assert.throws(() => collectLabels([eg({ A: 1 }), eg({ A: 1, B: 1 })], 'biluo', 'exclusive'), /E402.*example 1.*A, B/);
  assert.throws(() => collectLabels([eg({})], 'biluo', 'auto'), /E401/);
});
