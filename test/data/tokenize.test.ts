import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../lib/data/tokenize';
import { mulberry32 } from '../../lib/util/mulberry32';

const texts = (s: string) => tokenize(s).map((t) => t.text);

test('tokenize(text) splits on whitespace and gives UTF-16 offsets', () => {
  const toks = tokenize('  Hello \t world\n');
  assert.deepEqual(toks, [
    { text: 'Hello', start: 2, end: 7 },
    { text: 'world', start: 10, end: 15 },
  ]);
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' \n\u00a0\u3000'), []);
});

test('tokenize(text) splits prefix and suffix punctuation', () => {
  assert.deepEqual(texts('(Berlin).'), ['(', 'Berlin', ')', '.']);
  assert.deepEqual(texts('"Hi," she said... Really?!'), ['"', 'Hi', ',', '"', 'she', 'said', '...', 'Really', '?', '!']);
  assert.deepEqual(texts("'quoted' [x]"), ["'", 'quoted', "'", '[', 'x', ']']);
});

test('tokenize(text) keeps URLs and e-mail addresses whole', () => {
  assert.deepEqual(texts('See https://example.com/a-b?q=1&r=2.'), ['See', 'https://example.com/a-b?q=1&r=2', '.']);
  assert.deepEqual(texts('(www.spacy-io.org)'), ['(', 'www.spacy-io.org', ')']);
  assert.deepEqual(texts('http://x.org/path/'), ['http://x.org/path/']);
  assert.deepEqual(texts('Mail jane.doe-smith@mail.example.co.uk.'), ['Mail', 'jane.doe-smith@mail.example.co.uk', '.']);
});

test('tokenize(text) keeps numbers with decimals, thousands, signs and times', () => {
  assert.deepEqual(texts('3.14 1,000 1,000,000 -2.5 10:30 +49'), ['3.14', '1,000', '1,000,000', '-2.5', '10:30', '+49']);
  assert.deepEqual(texts('It costs $3.50, i.e. 50% more.'), ['It', 'costs', '$', '3.50', ',', 'i.e.', '50', '%', 'more', '.']);
  assert.deepEqual(texts('10km 5kg 3.'), ['10', 'km', '5', 'kg', '3', '.']);
  assert.deepEqual(texts('10-20'), ['10', '-', '20']);
});

test('tokenize(text) splits contractions as spaCy does', () => {
  assert.deepEqual(texts("I don't know"), ['I', 'do', "n't", 'know']);
  assert.deepEqual(texts("I'm sure it's John's"), ['I', "'m", 'sure', 'it', "'s", 'John', "'s"]);
  assert.deepEqual(texts("can't won't Don't we're you'll"), ['ca', "n't", 'wo', "n't", 'Do', "n't", 'we', "'re", 'you', "'ll"]);
  assert.deepEqual(texts('(isn’t)'), ['(', 'is', 'n’t', ')']);
});

test('tokenize(text) splits infix hyphens between letters, not inside numbers', () => {
  assert.deepEqual(texts('well-known state-of-the-art'), ['well', '-', 'known', 'state', '-', 'of', '-', 'the', '-', 'art']);
  assert.deepEqual(texts('end.Start and/or'), ['end', '.', 'Start', 'and', '/', 'or']);
});

test('tokenize(text) keeps abbreviations', () => {
  assert.deepEqual(texts('Mr. Smith, U.S. Dr. Who etc.'), ['Mr.', 'Smith', ',', 'U.S.', 'Dr.', 'Who', 'etc.']);
});

test('tokenize(text) makes each emoji its own token', () => {
  assert.deepEqual(texts('hi😀there 👍🏽👍 🇩🇪 👨‍👩‍👧!'), ['hi', '😀', 'there', '👍🏽', '👍', '🇩🇪', '👨‍👩‍👧', '!']);
});

// Seeded generator for the property test (no Math.random).

const POOL = [
  ...'abcXYZéß012345', ' ', ' ', '\n', '\t', '\u00a0', ...'.,;:!?()[]{}"\'`-–—/@#$€%&*+=<>~_…°', '’', 'n\'t', "'s",
  'http://', 'www.', '😀', '👍🏽', '🇩🇪', '\u200d', '\ufe0f', '\u0301', '\ud800', '\udc00', '𝒳', 'km', 'Mr.', '...',
];

test('tokenize(random text) never loses, duplicates or reorders a character', () => {
  const rng = mulberry32(42);
  for (let trial = 0; trial < 3000; trial++) {
    const len = Math.floor(rng() * 30);
    let s = '';
    for (let i = 0; i < len; i++) s += POOL[Math.floor(rng() * POOL.length)];
    const toks = tokenize(s);
    let covered = 0;
    let prevEnd = 0;
    for (const t of toks) {
      assert.equal(t.text, s.slice(t.start, t.end), `slice mismatch in ${JSON.stringify(s)}`);
      assert.ok(t.end > t.start, `empty token in ${JSON.stringify(s)}`);
      assert.ok(t.start >= prevEnd, `overlap or disorder in ${JSON.stringify(s)}`);
      assert.ok(!/\s/.test(t.text), `whitespace inside a token in ${JSON.stringify(s)}`);
      // No token boundary cuts a surrogate pair.
      const before = s.charCodeAt(t.start - 1);
      const first = s.charCodeAt(t.start);
      assert.ok(!(before >= 0xd800 && before <= 0xdbff && first >= 0xdc00 && first <= 0xdfff), `split pair in ${JSON.stringify(s)}`);
      covered += t.end - t.start;
      prevEnd = t.end;
    }
    assert.equal(covered, s.replace(/\s/g, '').length, `non-space characters not covered in ${JSON.stringify(s)}`);
  }
});
