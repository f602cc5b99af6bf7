import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { schemeComparisonBars } from '../../lib/plots/schemeBars';
import { compareSchemeRows, compareSchemes } from '../../lib/eval/compareSchemes';
import type { RunRecord, Scores } from '../../lib/eval/scores';
import { assertValidFigure, annotationsOf } from './helpers';

const scores = (ents_f: number, cats_score: number): Scores => ({ ents_f, cats_score, sentence_acc: null, ents_per_type: {} }) as unknown as Scores;
const runs: RunRecord[] = [0, 1, 2].flatMap((seed) => [
  { scheme: 'separate', seed, scores: scores(0.8 + seed * 0.01, 0.9) },
  { scheme: 'shared', seed, scores: scores(0.85 + seed * 0.02, 0.91 - seed * 0.01) },
]);

test('schemeComparisonBars(runs): one panel per metric, one bar trace per scheme with asymmetric CI error bars', () => {
  const fig = schemeComparisonBars(runs);
  assertValidFigure(fig);
  assert.equal(fig.data.length, 4); // 2 metrics × 2 schemes
  assert.deepEqual(fig.data.map((t) => [t.name, t.xaxis]), [['separate', 'x'], ['shared', 'x'], ['separate', 'x2'], ['shared', 'x2']]);
  const row = compareSchemeRows(runs)[1];
  const shared = fig.data[1];
  assert.deepEqual(shared.y, [row.ents_f_mean]);
  const err = shared.error_y as { symmetric: boolean; array: number[]; arrayminus: number[] };
  assert.equal(err.symmetric, false);
  assert.ok(Math.abs(err.array[0] - ((row.ents_f_high as number) - (row.ents_f_mean as number))) < 1e-12);
  assert.ok(Math.abs(err.arrayminus[0] - ((row.ents_f_mean as number) - (row.ents_f_low as number))) < 1e-12);
  assert.ok('xaxis2' in fig.layout && 'yaxis2' in fig.layout);
  assert.equal(fig.layout.barmode, 'overlay');
  // Panel titles are annotations; the p-value key is the subtitle (clear of rotated x labels and the legend).
  const texts = annotationsOf(fig).map((a) => a.text as string);
  assert.ok(texts.includes('<b>ents_f</b>') && texts.includes('<b>cats_score</b>'));
  const title = fig.layout.title as { subtitle?: { text: string } };
  assert.ok(title.subtitle?.text.startsWith('vs separate: * p&lt;.05, ** p&lt;.01'), title.subtitle?.text);
  assert.ok(!texts.some((t) => t.startsWith('vs separate')));
  assert.equal(fig.layout.legend, undefined); // plotly's vertical legend on the right
});

test('schemeComparisonBars(DataFrame) draws the same bars as from runs', () => {
  const fromDf = schemeComparisonBars(compareSchemes(runs));
  const fromRuns = schemeComparisonBars(runs);
  assert.deepEqual(fromDf.data.map((t) => t.y), fromRuns.data.map((t) => t.y));
});

test('schemeComparisonBars: groups (train sizes) become grouped bars; one-seed bars have zero-length error bars', () => {
  const sized = [...runs.map((r) => ({ ...r, trainSize: 1000 })), { scheme: 'shared', seed: 0, trainSize: 100, scores: scores(0.5, 0.6) }, { scheme: 'separate', seed: 0, trainSize: 100, scores: scores(0.4, 0.6) }];
  const fig = schemeComparisonBars(sized, { metrics: ['ents_f'] });
  assertValidFigure(fig);
  assert.equal(fig.layout.barmode, 'group');
  assert.deepEqual(fig.data[0].x, ['n=1000', 'n=100']);
  assert.deepEqual((fig.data[0].error_y as { array: number[] }).array.slice(1), [0]);
});

test('schemeComparisonBars: scheme names are escaped; unknown metric is an error', () => {
  const fig = schemeComparisonBars(runs.map((r) => ({ ...r, scheme: r.scheme === 'shared' ? '<i>x</i>' : r.scheme })));
  assert.ok(fig.data.some((t) => t.name === '&lt;i&gt;x&lt;/i&gt;'));
  assert.throws(() => schemeComparisonBars(compareSchemeRows(runs), { metrics: ['tokens_per_second'] }), /\[E506\].*tokens_per_second_mean/);
});

test('schemeComparisonBars(compareSchemes(runs)) type-checks: the danfojs DataFrame is an accepted input', () => {
  // tsx strips types, so the signature is checked with the compiler on a small file using it.
  const dir = mkdtempSync(join(tmpdir(), 'wb-types-'));
  try {
    const file = join(dir, 'use.ts');
    const lib = (p: string): string => JSON.stringify(resolve(__dirname, '../../lib', p));
    writeFileSync(
      file,
      `import { schemeComparisonBars } from ${lib('plots/schemeBars')};\nimport { compareSchemes } from ${lib('eval/compareSchemes')};\n` +
        `export const fig = schemeComparisonBars(compareSchemes([]), { zoom: true });\nexport const bad = schemeComparisonBars(42);\n`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [resolve(__dirname, '../../node_modules/@types')],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.getLineAndCharacterOfPosition(d.start!).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    // Only the deliberate bad call (line 4) fails, so the checker is really checking.
    assert.deepEqual(errors, ["4: Argument of type 'number' is not assignable to parameter of type 'SchemeBarsInput'."]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('schemeComparisonBars: score axes stay within [0, 1.05]; a value whose error bar is clipped sits on its bar', () => {
  // Two seeds far apart: the t interval (df = 1) overshoots [0, 1].
  const wide: RunRecord[] = [0, 1].flatMap((seed) => [
    { scheme: 'separate', seed, scores: scores(seed ? 0.9 : 0.3, 0.9) },
    { scheme: 'shared', seed, scores: scores(0.62 + seed * 0.01, 0.91) },
  ]);
  for (const zoom of [false, true]) {
    const fig = schemeComparisonBars(wide, { metrics: ['ents_f'], zoom });
    assertValidFigure(fig);
    const [lo, hi] = (fig.layout.yaxis as { range: number[] }).range;
    assert.ok(lo >= 0 && hi <= 1.05, `zoom=${zoom}: ${lo}, ${hi}`);
    const label = (scheme: string): Record<string, unknown> => annotationsOf(fig).find((a) => a.x === scheme)!;
    assert.equal(label('separate').y, 0.6); // mean: the upper CI edge is above the axis
    assert.ok(label('separate').bgcolor);
    const shared = compareSchemeRows(wide, { metrics: ['ents_f'] })[1];
    assert.equal(label('shared').y, shared.ents_f_high); // above its (visible) error bar
  }
});

test('schemeComparisonBars(table): rows that are not one array of cells per column are an error', () => {
  // A one-column danfojs frame gives a flat `values`.
  assert.throws(() => schemeComparisonBars({ columns: ['scheme'], values: ['separate', 'shared'] }), /\[E506\].*table row 0 does not have one value per column \(1\)/);
});
