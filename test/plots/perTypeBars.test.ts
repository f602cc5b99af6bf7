import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perTypeF1Bars } from '../../lib/plots/perTypeBars';
import { prf } from '../../lib/eval/prf';
import type { Scores } from '../../lib/eval/scores';
import { assertValidFigure } from './helpers';

const s = (per: Record<string, [number, number, number]>): Scores =>
  ({ ents_per_type: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, prf(...v)])) }) as unknown as Scores;

test('perTypeF1Bars(scores by scheme): types by gold support, one trace per scheme', () => {
  const fig = perTypeF1Bars({ separate: s({ PER: [8, 2, 2], LOC: [1, 0, 3], ORG: [0, 1, 0] }), shared: s({ PER: [9, 1, 1], LOC: [2, 0, 2] }) });
  assertValidFigure(fig);
  assert.deepEqual(fig.data.map((t) => t.name), ['separate', 'shared']);
  assert.deepEqual(fig.data[0].x, ['PER', 'LOC', 'ORG']); // supports 10+10, 4+4, 0
  assert.deepEqual(fig.data[0].y, [0.8, 0.4, 0]);
  assert.deepEqual(fig.data[1].x, ['PER', 'LOC']); // shared has no ORG: no bar rather than a fake 0
  assert.equal(fig.layout.barmode, 'group');
});

test('perTypeF1Bars(scheme: Scores[]): mean over seeds with CI error bars', () => {
  const fig = perTypeF1Bars({ shared: [s({ PER: [8, 2, 2] }), s({ PER: [9, 1, 1] }), s({ PER: [7, 3, 3] })] });
  assertValidFigure(fig);
  assert.ok(Math.abs((fig.data[0].y as number[])[0] - 0.8) < 1e-12);
  const err = fig.data[0].error_y as { array: number[]; visible: boolean };
  assert.equal(err.visible, true);
  assert.ok(err.array[0] > 0);
});

test('perTypeF1Bars(scores, {top: k}): only the k types with the most gold support, summed over schemes', () => {
  // Supports: PER 10+10, LOC 4+4, ORG 0+5 (only shared has it), DATE 1+1.
  const scores = { separate: s({ PER: [8, 2, 2], LOC: [1, 0, 3], DATE: [1, 0, 0] }), shared: s({ PER: [9, 1, 1], LOC: [2, 0, 2], ORG: [4, 0, 1], DATE: [0, 1, 1] }) };
  const fig = perTypeF1Bars(scores, { top: 2 });
  assertValidFigure(fig);
  assert.deepEqual(fig.data.map((t) => t.x), [['PER', 'LOC'], ['PER', 'LOC']]);
  const three = perTypeF1Bars(scores, { top: 3 });
  assert.deepEqual(three.data[0].x, ['PER', 'LOC']); // separate has no ORG bar
  assert.deepEqual(three.data[1].x, ['PER', 'LOC', 'ORG']);
  assert.match(String((three.layout.xaxis as { title: { text: string } }).title.text), /3 of 4/);
  assert.deepEqual(perTypeF1Bars(scores, { top: 10 }).data[1].x, ['PER', 'LOC', 'ORG', 'DATE']);
  assert.throws(() => perTypeF1Bars(scores, { top: 0 }), /\[E506\].*top must be a whole number/);
});
