import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectTokenizer, tokenize, whitespaceTokenize } from '../../lib/data';

test('whitespaceTokenize splits on runs of whitespace only, with UTF-16 offsets', () => {
  assert.deepEqual(whitespaceTokenize('  fly to st. louis,  top-rated\tnow '), [
    { text: 'fly', start: 2, end: 5 },
    { text: 'to', start: 6, end: 8 },
    { text: 'st.', start: 9, end: 12 },
    { text: 'louis,', start: 13, end: 19 },
    { text: 'top-rated', start: 21, end: 30 },
    { text: 'now', start: 31, end: 34 },
  ]);
  assert.deepEqual(whitespaceTokenize(''), []);
});

test('detectTokenizer picks the tokenizer that reproduces more examples (ties: workbench) and counts both', () => {
  const corpus = ['fly to st. louis', 'a top-rated place', 'play jazz'].map((text) => ({ text, tokens: whitespaceTokenize(text) }));
  assert.deepEqual(detectTokenizer(corpus), { name: 'whitespace', matches: { workbench: 1, whitespace: 3 } });
  const workbench = ['fly to st. louis', "don't stop"].map((text) => ({ text, tokens: tokenize(text) }));
  assert.deepEqual(detectTokenizer(workbench).name, 'workbench');
  assert.deepEqual(detectTokenizer([]), { name: 'workbench', matches: { workbench: 0, whitespace: 0 } });
});
