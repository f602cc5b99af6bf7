import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBio, fromBiluo, tagScheme, toBio, toBiluo } from '../../lib/data/biluo';
import { joinTokens } from '../../lib/data/slotIntent';
import { loadSampleDocuments, loadSampleJoint } from '../../lib/data/sample';
import type { Example } from '../../lib/data/types';
import { WorkbenchError } from '../../lib/errors';

const toks = (s: string) => joinTokens(s.split(' '));
const surface = (text: string, spans: { start: number; end: number; label: string }[]) => spans.map((s) => `${text.slice(s.start, s.end)}/${s.label}`);

test('toBiluo(example) / toBio(example) tag single- and multi-token spans', () => {
  const text = 'fly from New York City to Oslo';
  const ex = { text, tokens: toks(text), spans: [{ start: 9, end: 22, label: 'LOC' }, { start: 26, end: 30, label: 'LOC' }] };
  assert.deepEqual(toBiluo(ex), ['O', 'O', 'B-LOC', 'I-LOC', 'L-LOC', 'O', 'U-LOC']);
  assert.deepEqual(toBio(ex), ['O', 'O', 'B-LOC', 'I-LOC', 'I-LOC', 'O', 'B-LOC']);
});

test('fromBio(tokens, tags): I- after O starts an entity (IOB1 / seqeval)', () => {
  const text = 'a b c d e';
  assert.deepEqual(surface(text, fromBio(toks(text), ['O', 'I-X', 'I-X', 'O', 'I-Y'])), ['b c/X', 'e/Y']);
});

test('fromBio(tokens, tags): B- after I- of the same type starts a new entity; I- of another type too', () => {
  const text = 'a b c d e';
  assert.deepEqual(surface(text, fromBio(toks(text), ['B-X', 'I-X', 'B-X', 'I-Y', 'I-Y'])), ['a b/X', 'c/X', 'd e/Y']);
  // IOB1: adjacent same-type entities are separated by B-.
  assert.deepEqual(surface(text, fromBio(toks(text), ['I-X', 'I-X', 'B-X', 'O', 'O'])), ['a b/X', 'c/X']);
});

test('fromBiluo(tokens, tags) decodes BILUO and BIOES, L-/U- close entities', () => {
  const text = 'a b c d e';
  assert.deepEqual(surface(text, fromBiluo(toks(text), ['B-X', 'L-X', 'U-X', 'B-Y', 'L-Y'])), ['a b/X', 'c/X', 'd e/Y']);
  assert.deepEqual(surface(text, fromBiluo(toks(text), ['S-X', 'B-Y', 'I-Y', 'E-Y', '-'])), ['a/X', 'b c d/Y']);
  assert.equal(tagScheme([['O', 'B-X'], ['E-X']]), 'BILUO');
  assert.equal(tagScheme([['O', 'B-X', 'I-X']]), 'BIO');
});

test('fromBio(tokens, tags) rejects unknown tags and length mismatches with E102', () => {
  const t = toks('a b');
  assert.throws(() => fromBio(t, ['O', 'U-X']), (e: unknown) => e instanceof WorkbenchError && e.code === 'E102' && /tags\[1\]/.test(e.message));
  assert.throws(() => fromBio(t, ['O']), /E102.*1 tags for 2 tokens/);
  assert.throws(() => fromBio(t, ['O', 'X']), /E102/);
});

test('toBiluo(example) on a misaligned span: error naming the example, or ignore / missing', () => {
  const text = 'Berlin rocks';
  const ex = { text, tokens: toks(text), spans: [{ start: 0, end: 3, label: 'LOC' }] };
  assert.throws(() => toBiluo(ex, { index: 7 }), (e: unknown) => e instanceof WorkbenchError && e.code === 'E005' && /example 7/.test(e.message) && /"Ber"/.test(e.message));
  assert.deepEqual(toBiluo(ex, { misaligned: 'ignore' }), ['O', 'O']);
  assert.deepEqual(toBiluo(ex, { misaligned: 'missing' }), ['-', 'O']);
  const overlapping = { text, tokens: toks(text), spans: [{ start: 0, end: 6, label: 'A' }, { start: 0, end: 12, label: 'B' }] };
  assert.throws(() => toBio(overlapping), /E006/);
});

test('fromBiluo(toBiluo(e)) and fromBio(toBio(e)) give back the spans of every sample example', async () => {
  const examples: Example[] = [...(await loadSampleJoint()), ...(await loadSampleDocuments())];
  let spans = 0;
  examples.forEach((e, i) => {
    assert.deepEqual(fromBiluo(e.tokens, toBiluo(e, { index: i })), e.spans, e.text);
    assert.deepEqual(fromBio(e.tokens, toBio(e, { index: i })), e.spans, e.text);
    spans += e.spans.length;
  });
  assert.ok(examples.length > 400 && spans > 1000);
});
