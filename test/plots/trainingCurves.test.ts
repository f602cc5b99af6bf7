import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainingCurves } from '../../lib/plots/trainingCurves';
import type { EpochRecord } from '../../lib/eval/scores';
import { assertValidFigure } from './helpers';

const history = (scale: number): EpochRecord[] =>
  [0, 1, 2, 3].map((epoch) => ({ epoch, step: (epoch + 1) * 50, losses: { ner: scale * 10 / (epoch + 1), textcat: scale * 3 / (epoch + 1) }, dev: { ents_f: 0.5 + epoch * 0.1 } }));

test('trainingCurves(history): losses on the top panel, dev scores on the bottom one', () => {
  const fig = trainingCurves(history(1));
  assertValidFigure(fig);
  assert.deepEqual(fig.data.map((t) => [t.name, t.yaxis]), [['ner', 'y'], ['textcat', 'y'], ['ents_f', 'y2']]);
  assert.deepEqual(fig.data[0].x, [0, 1, 2, 3]);
  assert.deepEqual(fig.data[2].y, [0.5, 0.6, 0.7, 0.8].map((v, i) => 0.5 + i * 0.1));
  assert.equal((fig.layout.xaxis as { matches: string }).matches, 'x2');
});

test('trainingCurves({scheme: history}, {x: "step"}): one colour per scheme, step on x', () => {
  const fig = trainingCurves({ separate: history(1), shared: history(0.8) }, { x: 'step', losses: ['ner'] });
  assertValidFigure(fig);
  assert.deepEqual(fig.data.map((t) => t.name), ['separate · ner', 'shared · ner', 'separate · ents_f', 'shared · ents_f']);
  assert.deepEqual(fig.data[0].x, [50, 100, 150, 200]);
  const color = (i: number): unknown => (fig.data[i].line as { color: string }).color;
  assert.equal(color(0), color(2));
  assert.notEqual(color(0), color(1));
});

test('trainingCurves: empty history is an error', () => {
  assert.throws(() => trainingCurves([]), /\[E506\]/);
});
