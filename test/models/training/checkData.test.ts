import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example } from '../../../lib/data/types';
import { tokenize } from '../../../lib/data/tokenize';
import { trainPipeline } from '../../../lib/models';
import { WorkbenchError } from '../../../lib/errors';
import type { WorkbenchWarning } from '../../../lib/warnings';

// Data that used to train without complaint: spans out of range or off token boundaries, one
// exclusive category, multilabel categories without negatives, categories only in dev.

function ex(text: string, spans: [number, number, string][] = [], cats: Record<string, number> = {}): Example {
  return { text, tokens: tokenize(text), spans: spans.map(([start, end, label]) => ({ start, end, label })), cats };
}

const SMALL = { epochs: 1, batchSize: 8, encoder: { width: 16, depth: 1, attrs: ['NORM', 'SHAPE'], rows: [100, 50] } };

function collect(): { warnings: WorkbenchWarning[]; onWarning: (w: WorkbenchWarning) => void } {
  const warnings: WorkbenchWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}

const base = [
  ex('fly to Paris', [[7, 12, 'CITY']], { TRAVEL: 1, MUSIC: 0 }),
  ex('play jazz now', [], { TRAVEL: 0, MUSIC: 1 }),
  ex('fly to Rome today', [[7, 11, 'CITY']], { TRAVEL: 1, MUSIC: 0 }),
  ex('play some rock', [], { TRAVEL: 0, MUSIC: 1 }),
];

test('trainPipeline: a hand-built span out of range is E004 naming the example and the span', async () => {
  const bad = [...base, ex('to Oslo', [[3, 9, 'CITY']])];
  await assert.rejects(trainPipeline(SMALL, bad), (err: unknown) => {
    assert.ok(err instanceof WorkbenchError && err.code === 'E004', String(err));
    assert.match(err.message, /example 4.*field "train\.spans\[0\]".*7 UTF-16 units/);
    return true;
  });
  await assert.rejects(trainPipeline(SMALL, base, [ex('to Oslo', [[-1, 2, 'CITY']])]), /E004.*example 0.*"dev\.spans\[0\]"/);
  const negBad = { ...ex('to Oslo'), negSpans: [{ start: 5, end: 5, label: 'CITY' }] };
  await assert.rejects(trainPipeline(SMALL, [...base, negBad]), /E004.*example 4.*"train\.negSpans\[0\]"/);
  await assert.rejects(trainPipeline(SMALL, [...base, ex('to Oslo', [[3.5, 7, 'CITY']])]), /E004/);
});

test('trainPipeline warns once (W020) with the count of spans off token boundaries', async () => {
  const { warnings, onWarning } = collect();
  const misaligned = [...base, ex('to Oslo now', [[3, 6, 'CITY']]), ex('to Bergen', [[4, 9, 'CITY']])];
  const nlp = await trainPipeline(SMALL, misaligned, [], { onWarning });
  nlp.dispose();
  const w = warnings.filter((x) => x.code === 'W020');
  assert.equal(w.length, 1);
  assert.equal(w[0].count, 2);
  assert.match(w[0].message, /example 4: "Osl" \(CITY\) \[3, 6\); example 5: "ergen" \(CITY\)/);
});

test('trainPipeline: exclusive categories with a single category are an error (E018)', async () => {
  const one = base.map((e) => ({ ...e, cats: { TRAVEL: 1 } }));
  await assert.rejects(trainPipeline({ ...SMALL, heads: { textcat: { mode: 'exclusive' } } }, one), /E018.*one category \(TRAVEL\).*multilabel/);
});

test('trainPipeline warns (W018) about multilabel categories without negatives, naming them', async () => {
  const { warnings, onWarning } = collect();
  const onlyPositive = base.map((e, i): Example => ({ ...e, cats: i % 2 ? { MUSIC: 1, CHAT: 1 } : { TRAVEL: 1, CHAT: 0 } }));
  const nlp = await trainPipeline({ ...SMALL, heads: { textcat: { mode: 'multilabel' } } }, onlyPositive, [], { onWarning });
  nlp.dispose();
  const w = warnings.find((x) => x.code === 'W018');
  assert.ok(w, 'no W018');
  assert.equal(w.count, 2);
  assert.match(w.message, /MUSIC \(2 positive, 0 negative\); TRAVEL \(2 positive, 0 negative\)/);
  // The auto mode reads one category as multilabel: the same warning.
  const single = collect();
  (await trainPipeline(SMALL, base.map((e) => ({ ...e, cats: { TRAVEL: 1 } })), [], { onWarning: single.onWarning })).dispose();
  assert.deepEqual(single.warnings.map((x) => x.code), ['W018']);
});

test('trainPipeline warns (W019) about dev categories the training data does not have', async () => {
  const { warnings, onWarning } = collect();
  const dev = [ex('rain again', [], { TRAVEL: 0, MUSIC: 0, WEATHER: 1 }), ex('sunny', [], { WEATHER: 1 })];
  const nlp = await trainPipeline(SMALL, base, dev, { onWarning });
  nlp.dispose();
  assert.deepEqual(warnings.map((x) => x.code), ['W019']);
  assert.match(warnings[0].message, /WEATHER \(2 positive in dev\)/);
});

test('trainPipeline on clean data raises no warning', async () => {
  (await trainPipeline(SMALL, base, base.slice(0, 2), { onWarning: (w) => assert.fail(w.message) })).dispose();
});
