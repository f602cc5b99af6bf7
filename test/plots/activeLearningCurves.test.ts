import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeLearningCurves } from '../../lib/plots/activeLearningCurves';
import { assertValidFigure } from './helpers';

test('activeLearningCurves(curves): one panel per task, one line per strategy, sizes sorted', () => {
  const fig = activeLearningCurves([
    { strategy: 'random', task: 'ner', sizes: [200, 50, 100], scores: [0.7, 0.4, 0.5] },
    { strategy: 'uncertainty', task: 'ner', sizes: [50, 100, 200], scores: [0.45, 0.6, 0.78] },
    { strategy: 'random', task: 'textcat', sizes: [50, 100], mean: [0.6, 0.7], low: [0.55, 0.66], high: [0.65, 0.74] },
  ]);
  assertValidFigure(fig);
  assert.deepEqual(fig.data.map((t) => t.xaxis), ['x', 'x', 'x2', 'x2', 'x2']);
  assert.deepEqual(fig.data[0].x, [50, 100, 200]);
  assert.deepEqual(fig.data[0].y, [0.4, 0.5, 0.7]);
  assert.equal(fig.data[3].fill, 'tonexty'); // band of the textcat curve
  assert.equal(fig.data[4].showlegend, false); // 'random' already in the legend
  const color = (i: number): unknown => (fig.data[i].line as { color: string }).color;
  assert.equal(color(0), color(4));
});

test('activeLearningCurves: lengths that disagree are an error naming the curve', () => {
  assert.throws(() => activeLearningCurves([{ strategy: 'random', task: 'ner', sizes: [1, 2], scores: [0.1] }]), /\[E506\].*example 0.*curve "random" \(ner\): scores\/mean has 1 values for 2 sizes/);
});
