import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBiluo } from '../../lib/data/biluo';
import { loadConll } from '../../lib/data/conll';
import { datasetPath } from '../../lib/data/dataDir';
import { retokenizeExamples } from '../../lib/data/retokenize';
import { loadSlotIntent } from '../../lib/data/slotIntent';
import { detectTokenizer } from '../../lib/data/tokenizers';
import type { Example } from '../../lib/data/types';
import type { WorkbenchWarning } from '../../lib/warnings';

function slotFixture(seqIn: string[], seqOut: string[], labels: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'retok-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'seq.in'), seqIn.join('\n') + '\n');
  writeFileSync(join(dir, 'seq.out'), seqOut.join('\n') + '\n');
  writeFileSync(join(dir, 'label'), labels.join('\n') + '\n');
  return dir;
}

// The three kinds of text where the workbench tokenizer splits a corpus token (SNIPS test lines 28 and 64, ATIS test line 18).
const SEQ_IN = ['book a spot at a top-rated caucasian restaurant', 'find the via dolorosa: songs of redemption saga', 'show flights from milwaukee to st. louis'];
const SEQ_OUT = [
  'O O O O O B-sort B-cuisine B-restaurant_type',
  'O O B-object_name I-object_name I-object_name I-object_name I-object_name B-object_type',
  'O O O B-fromloc.city_name O B-toloc.city_name I-toloc.city_name',
];
const LABELS = ['BookRestaurant', 'SearchCreativeWork', 'atis_flight'];
const surfaces = (e: Example) => e.spans.map((s) => `${e.text.slice(s.start, s.end)}/${s.label}`);
const words = (e: Example) => e.tokens.map((t) => t.text);

test("loadSlotIntent {tokens: 'workbench'}: workbench tokens, the same text and character spans as the corpus", () => {
  const dir = slotFixture(SEQ_IN, SEQ_OUT, LABELS);
  const corpus = loadSlotIntent(dir);
  const warnings: WorkbenchWarning[] = [];
  const wb = loadSlotIntent(dir, { tokens: 'workbench', onWarning: (w) => warnings.push(w) });
  assert.deepEqual(wb.map((e) => e.text), corpus.map((e) => e.text));
  assert.deepEqual(wb.map((e) => e.spans), corpus.map((e) => e.spans));
  assert.deepEqual(wb.map((e) => e.cats), corpus.map((e) => e.cats));
  assert.deepEqual(words(corpus[0]).slice(5, 6), ['top-rated']);
  assert.deepEqual(words(wb[0]).slice(5, 8), ['top', '-', 'rated']);
  assert.deepEqual(words(wb[1]).slice(3, 5), ['dolorosa', ':']);
  assert.deepEqual(words(wb[2]).slice(-3), ['st', '.', 'louis']);
  assert.deepEqual(surfaces(wb[0]), ['top-rated/sort', 'caucasian/cuisine', 'restaurant/restaurant_type']);
  assert.deepEqual(surfaces(wb[1]), ['via dolorosa: songs of redemption/object_name', 'saga/object_type']);
  assert.deepEqual(surfaces(wb[2]), ['milwaukee/fromloc.city_name', 'st. louis/toloc.city_name']);
  // On token edges: BILUO tags without the 'error' policy throwing; "top-rated" is three tokens of one entity.
  assert.deepEqual(toBiluo(wb[0]).slice(5, 8), ['B-sort', 'I-sort', 'L-sort']);
  assert.deepEqual(toBiluo(wb[2]).slice(-3), ['B-toloc.city_name', 'I-toloc.city_name', 'L-toloc.city_name']);
  // Round trip: every token is its slice of the text, and the tokens cover every non-space character once.
  for (const e of wb) {
    for (const t of e.tokens) assert.equal(e.text.slice(t.start, t.end), t.text);
    assert.equal(e.tokens.map((t) => t.text).join(''), e.text.replace(/\s+/g, ''));
  }
  assert.deepEqual(warnings, []);
  // config.tokenizer 'auto' then resolves to the tokenizer that made these tokens.
  assert.equal(detectTokenizer(wb).name, 'workbench');
  assert.equal(detectTokenizer(corpus).name, 'whitespace');
  // The default keeps the corpus tokens.
  assert.deepEqual(words(loadSlotIntent(dir, { tokens: 'corpus' })[0]), words(corpus[0]));
  assert.equal(words(corpus[2]).at(-2), 'st.');
});

test('retokenizeExamples counts examples whose tokens changed and spans kept as given', () => {
  const corpus = loadSlotIntent(slotFixture([...SEQ_IN, 'play some jazz'], [...SEQ_OUT, 'O O B-genre'], [...LABELS, 'PlayMusic']));
  const { examples, stats } = retokenizeExamples(corpus, { onWarning: () => assert.fail('no warning expected') });
  assert.deepEqual(stats, { examples: 4, changedTokens: 3, alignedSpans: 8, snappedSpans: 0, droppedSpans: 0 });
  assert.deepEqual(examples[3].tokens, corpus[3].tokens);
  assert.deepEqual(examples[3].meta, { line: 4 });
});

test('retokenizeExamples widens a span whose edge falls inside a workbench token to that token (W021, counted)', () => {
  // Tokens from another tokenizer: "st.louis" as "st." + "louis", "dolorosa:" as "doloro" + "sa:" (span on "doloro").
  const eg: Example = {
    text: 'to st.louis via dolorosa:',
    tokens: [],
    spans: [
      { start: 6, end: 11, label: 'city' },
      { start: 16, end: 22, label: 'name' },
    ],
    negSpans: [{ start: 0, end: 1, label: 'x' }],
    cats: {},
    meta: { line: 7 },
  };
  const warnings: WorkbenchWarning[] = [];
  const { examples, stats } = retokenizeExamples([eg], { file: 'f.txt', onWarning: (w) => warnings.push(w) });
  const [out] = examples;
  assert.deepEqual(words(out), ['to', 'st.louis', 'via', 'dolorosa', ':']);
  assert.deepEqual(surfaces(out), ['st.louis/city', 'dolorosa/name']);
  assert.deepEqual(out.negSpans, [{ start: 0, end: 2, label: 'x' }]);
  assert.deepEqual(stats, { examples: 1, changedTokens: 1, alignedSpans: 0, snappedSpans: 3, droppedSpans: 0 });
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].code, 'W021');
  assert.equal(warnings[0].count, 3);
  assert.equal(warnings[0].location.file, 'f.txt');
  assert.match(warnings[0].message, /line 7: "louis" \(city\) → "st\.louis"/);
  assert.equal(eg.spans[0].start, 6, 'the input example is not modified');
});

test('retokenizeExamples drops (W022, counted) a span that overlaps an earlier one once widened, or covers no token', () => {
  const eg: Example = {
    text: 'st.louis  x',
    tokens: [],
    spans: [
      { start: 0, end: 2, label: 'a' }, // "st" → "st.louis"
      { start: 3, end: 8, label: 'b' }, // "louis" → "st.louis": overlaps, dropped
      { start: 8, end: 10, label: 'c' }, // two spaces: no token, dropped
      { start: 10, end: 11, label: 'd' }, // "x": kept
    ],
    cats: {},
  };
  const warnings: WorkbenchWarning[] = [];
  const { examples, stats } = retokenizeExamples([eg], { onWarning: (w) => warnings.push(w) });
  assert.deepEqual(surfaces(examples[0]), ['st.louis/a', 'x/d']);
  assert.deepEqual(stats, { examples: 1, changedTokens: 1, alignedSpans: 1, snappedSpans: 1, droppedSpans: 2 });
  assert.deepEqual(warnings.map((w) => [w.code, w.count]), [['W021', 1], ['W022', 2]]);
  assert.match(warnings[1].message, /example 0: "louis" \(b\) overlaps "st\.louis".*example 0: "  " \(c\) covers no token/);
});

test("loadConll {tokens: 'workbench'} re-tokenizes and keeps the spans; an unknown token source is E706", () => {
  const p = join(mkdtempSync(join(tmpdir(), 'retok-conll-')), 'x.txt');
  writeFileSync(p, ['St. B-LOC', 'Louis I-LOC', 'is O', 'top-rated O', '', 'U.S. B-LOC', 'troops: O'].join('\n') + '\n');
  const corpus = loadConll(p);
  const wb = loadConll(p, { tokens: 'workbench' });
  assert.deepEqual(wb.map(surfaces), corpus.map(surfaces));
  assert.deepEqual(wb.map(surfaces), [['St. Louis/LOC'], ['U.S./LOC']]);
  assert.deepEqual(wb.map(words), [['St.', 'Louis', 'is', 'top', '-', 'rated'], ['U.S.', 'troops', ':']]);
  assert.throws(() => loadConll(p, { tokens: 'spacy' as never }), /E706.*x\.txt.*'corpus' or 'workbench', got "spacy"/);
  assert.throws(() => loadSlotIntent(slotFixture(SEQ_IN, SEQ_OUT, LABELS), { tokens: 'bpe' as never }), /E706.*seq\.in.*got "bpe"/);
});

test('re-tokenized SNIPS and ATIS test splits: 38 and 96 texts change tokens, every gold span stays on token edges', (t) => {
  const snips = datasetPath('snips');
  const atis = datasetPath('atis');
  if (!snips || !atis) return t.skip('SNIPS/ATIS not found in the data directory (set WORKBENCH_DATA)');
  const s = retokenizeExamples(loadSlotIntent(snips, { split: 'test' })).stats;
  const a = retokenizeExamples(loadSlotIntent(atis, { split: 'test' })).stats;
  assert.deepEqual(s, { examples: 700, changedTokens: 38, alignedSpans: 1790, snappedSpans: 0, droppedSpans: 0 });
  assert.deepEqual(a, { examples: 893, changedTokens: 96, alignedSpans: 2837, snappedSpans: 0, droppedSpans: 0 });
});
