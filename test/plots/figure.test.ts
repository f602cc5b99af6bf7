import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figureProblems, panelAxes, escapePlotlyText, type Figure } from '../../lib/plots/figure';

const ok: Figure = {
  data: [
    { type: 'bar', x: ['a', 'b'], y: [1, 2], error_y: { type: 'data', array: [0.1, 0.2] } },
    { type: 'scatter', x: [1, 2, 3], y: [1, null, 3], xaxis: 'x2', yaxis: 'y2' },
    { type: 'heatmap', x: ['p', 'q'], y: ['r'], z: [[1, 2]] },
  ],
  layout: { xaxis: {}, yaxis: {}, xaxis2: { anchor: 'y2' }, yaxis2: { anchor: 'x2' } },
};

test('figureProblems(valid figure) is empty; nulls are allowed gaps', () => {
  assert.deepEqual(figureProblems(ok), []);
});

test('figureProblems finds unknown types, unequal arrays, NaN, undefined and missing axes', () => {
  const bad: Figure = {
    data: [
      { type: 'pie' as 'bar', x: [1], y: [1] },
      { type: 'bar', x: ['a', 'b'], y: [1], error_y: { array: [1, 2, 3] } },
      { type: 'scatter', x: [1, 2], y: [NaN, undefined], xaxis: 'x3' },
      { type: 'heatmap', x: ['a'], y: ['b', 'c'], z: [[1, 2]] },
    ],
    layout: { xaxis: { matches: 'x9' }, yaxis: {} },
  };
  const problems = figureProblems(bad).join('\n');
  for (const expected of ['type "pie" unknown', 'x has 2 values, y has 1', 'error_y.array has 3 values', 'is NaN', 'is undefined', 'layout.xaxis3 is missing', 'z has 1 rows for 2 y labels', 'z[0] has 2 values for 1 x labels', 'matches "x9"']) {
    assert.ok(problems.includes(expected), `missing problem "${expected}" in:\n${problems}`);
  }
  assert.deepEqual(figureProblems({ data: [], layout: {} }), ['data: no traces']);
});

test('panelAxes(3): side-by-side domains that do not overlap, axes anchored to each other', () => {
  const axes = panelAxes(3);
  const domains = ['xaxis', 'xaxis2', 'xaxis3'].map((k) => axes[k].domain as number[]);
  assert.equal(domains[0][0], 0);
  assert.equal(domains[2][1], 1);
  assert.ok(domains[0][1] < domains[1][0] && domains[1][1] < domains[2][0]);
  assert.equal(axes.xaxis2.anchor, 'y2');
  assert.equal(axes.yaxis3.anchor, 'x3');
  const rows = panelAxes(2, { direction: 'rows' });
  assert.ok((rows.yaxis.domain as number[])[0] > (rows.yaxis2.domain as number[])[1], 'first row on top');
});

test('escapePlotlyText keeps user markup as text', () => {
  assert.equal(escapePlotlyText('<b>x</b> & y'), '&lt;b&gt;x&lt;/b&gt; &amp; y');
});
