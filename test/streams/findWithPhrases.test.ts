import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findWithPhrases, findWithTerms } from '../../lib/streams/findWithPhrases';
import { PhraseMatcher } from '../../lib/streams/phraseMatcher';
import { collect } from '../../lib/streams/iter';
import { tokenize } from '../../lib/data/tokenize';
import { counting } from './counting';

interface Eg {
  text: string;
  i: number;
  meta?: Record<string, unknown>;
}
// Every 10th example (i % 10 === 7) mentions Berlin.
function examples(n: number): Eg[] {
  return Array.from({ length: n }, (_, i) => ({ text: i % 10 === 7 ? `Trip ${i} to berlin.` : `Example ${i} here.`, i }));
}

test('findWithPhrases(stream, phrases) yields matches first, then every other example once in order', async () => {
  const src = examples(100);
  const out = await collect(findWithPhrases(src, ['Berlin']));
  const matched = out.filter((e) => e.meta?.matched);
  assert.deepEqual(matched.map((e) => e.i), [7, 17, 27, 37, 47, 57, 67, 77, 87, 97]);
  assert.deepEqual(out.slice(0, 10), matched, 'matches come first');
  assert.deepEqual(out.slice(10).map((e) => e.i), src.filter((e) => e.i % 10 !== 7).map((e) => e.i), 'rest in source order');
  assert.deepEqual(out.map((e) => e.i).sort((a, b) => a - b), src.map((e) => e.i), 'multiset equal to the source');
  assert.deepEqual(matched[0].meta, { matched: true, matches: [{ start: 10, end: 16, text: 'berlin', label: 'PHRASE' }] });
  assert.equal(src[7].meta, undefined, 'input not mutated');
});

test('findWithPhrases(stream, phrases, {atMost}) stops searching after atMost matches', async () => {
  const out = await collect(findWithPhrases(examples(100), ['berlin'], { atMost: 3 }));
  assert.deepEqual(out.slice(0, 3).map((e) => e.i), [7, 17, 27]);
  assert.equal(out.slice(3).some((e) => e.meta?.matched), false);
  // The rest: held non-matches up to 27, then the remainder (later matches included) in order.
  assert.deepEqual(out.slice(3).map((e) => e.i), [...Array.from({ length: 28 }, (_, i) => i).filter((i) => i % 10 !== 7), ...Array.from({ length: 72 }, (_, i) => i + 28)]);
});

test('findWithPhrases(stream) never reads more than yielded + giveUpAfter', async () => {
  const c = counting(examples(1000));
  const it = findWithPhrases(c.source, ['berlin'], { giveUpAfter: 25 });
  let yielded = 0;
  let maxLead = 0;
  const order: number[] = [];
  for (let r = await it.next(); !r.done; r = await it.next()) {
    yielded++;
    order.push(r.value.i);
    maxLead = Math.max(maxLead, c.reads - yielded);
  }
  assert.equal(yielded, 1000);
  assert.ok(maxLead <= 25, `read ${maxLead} ahead`);
  // The buffer fills to 25 held items; when the first of them is delivered, 24 are still pending.
  assert.equal(maxLead, 24, 'the buffer does fill up to giveUpAfter');
  // Search found the matches among the first 25 + 2 items read (7 and 17) before the buffer was full.
  assert.deepEqual(order.slice(0, 3), [7, 17, 0]);
});

test('findWithPhrases(stream, phrases, {atLeast}) throws E008 saying how many were found', async () => {
  const out: number[] = [];
  await assert.rejects(
    async () => {
      for await (const e of findWithPhrases(examples(1000), ['berlin'], { atLeast: 5, giveUpAfter: 30 })) out.push(e.i);
    },
    (err: Error) => {
      assert.match(err.message, /^\[E008\] Not enough matches: findWithPhrases found 3 matching examples in 33 read, fewer than atLeast = 5/);
      assert.match(err.message, /Raise giveUpAfter, lower atLeast, or add phrases/);
      return true;
    },
  );
  assert.deepEqual(out, [7, 17, 27]);
  await assert.rejects(collect(findWithPhrases(examples(20), ['berlin'], { atLeast: 3 })), /found 2 matching examples in 20 read.*the stream ended/);
  assert.equal((await collect(findWithPhrases(examples(20), ['berlin'], { atLeast: 2 }))).length, 20);
});

test('findWithPhrases(stream, matcher) uses a given matcher and pre-computed tokens', async () => {
  const m = new PhraseMatcher([{ pattern: 'Berlin', label: 'GPE' }]);
  const src = [{ text: 'berlin', i: 0 }, { text: 'Berlin', i: 1 }];
  const out = await collect(findWithPhrases(src, m));
  assert.deepEqual(out.map((e) => [e.i, Boolean(e.meta?.matched)]), [[1, true], [0, false]]);
  // Tokens present: matched on them (this token list deliberately keeps "Berlin." whole, so nothing matches).
  const pre = [{ text: 'Berlin.', tokens: [{ text: 'Berlin.', start: 0, end: 7 }] }];
  assert.equal((await collect(findWithPhrases(pre, ['berlin'])))[0].meta, undefined);
  const tok = [{ text: 'to Berlin.', tokens: tokenize('to Berlin.') }];
  assert.equal(((await collect(findWithPhrases(tok, ['berlin'])))[0].meta as Record<string, unknown>).matched, true);
});

test('findWithPhrases(stream, phrases, {key}) reads another field; a missing field is E002', async () => {
  const out = await collect(findWithPhrases([{ body: 'x' }, { body: 'in Berlin' }], ['berlin'], { key: 'body' }));
  assert.equal(out[0].body, 'in Berlin');
  await assert.rejects(collect(findWithPhrases([{ text: 'a' }, { title: 'b' }], ['x'])), /E002.*example 1.*field "text"/);
  await assert.rejects(collect(findWithPhrases([], ['x'], { atLeast: 3, atMost: 2 })), /E007.*atLeast \(3\) must not exceed atMost \(2\)/);
});

test('findWithTerms(stream, terms) matches single tokens case-insensitively', async () => {
  const src = [{ text: 'The BANK of England' }, { text: 'a river bank.' }, { text: 'banking news' }, { text: 'bank holiday' }];
  const out = await collect(findWithTerms(src, ['Bank', 'river bank'], { atMost: 2 }));
  assert.deepEqual(out.map((e) => e.text), ['The BANK of England', 'a river bank.', 'banking news', 'bank holiday']);
  assert.deepEqual((out[1].meta as { matches: unknown }).matches, [{ start: 8, end: 12, text: 'bank', label: 'TERM' }]);
  assert.equal(out[3].meta, undefined, 'after atMost, the rest is not marked');
  await assert.rejects(collect(findWithTerms(src, ['nothing'], { atLeast: 1 })), /findWithTerms found 0 matching examples in 4 read.*add terms/);
});
