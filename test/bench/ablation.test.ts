import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ABLATION_COLUMNS,
  ABLATION_VARIANTS,
  ablationConfig,
  ablationRow,
  ablationRuns,
  ablationSection,
  ablationSeeds,
  ablationTable,
  diffCell,
  keptEpoch,
} from '../../bench/lib/ablationSection';
import { parseArgs } from '../../bench/lib/args';
import { oursConfig, oursData, runOurs, uniqueRuns } from '../../bench/lib/ours';
import type { SectionContext } from '../../bench/lib/section';
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { validateConfig } from '../../lib/models/config/config';
import { configHash } from '../../lib/models/config/hash';
import { makeFakeDataDir } from './fakeData';

const dataDir = makeFakeDataDir();
process.env.WORKBENCH_DATA = dataDir;

const ctxOf = (argv: string[], runsDir = join(tmpdir(), 'unused-runs')): SectionContext =>
  ({ args: parseArgs(argv, 'out.json'), env: {}, runsDir, previous: {}, log: () => {} }) as unknown as SectionContext;
const variant = (name: string) => ABLATION_VARIANTS.find((v) => v.name === name)!;

test('ablation variants: default is the other sections\' config (same hash), the others change only what they name', () => {
  assert.deepEqual(
    ABLATION_VARIANTS.map((v) => v.name),
    ['default', 'no vectors', 'no character features', '+ char n-grams'],
  );
  assert.deepEqual(ablationSeeds(), [0]);
  for (const argv of [[], ['--quick'], ['--quick', '--config', '{"epochs":3,"encoder":{"width":32}}']]) {
    const ctx = ctxOf(argv);
    for (const ds of ['snips', 'atis', 'conll2003'] as const) {
      const def = ablationConfig(ctx, ds, variant('default'));
      assert.deepEqual(def, oursConfig(ctx));
      assert.equal(configHash({ ...def, scheme: 'shared', seed: 0 }), configHash({ ...oursConfig(ctx), scheme: 'shared', seed: 0 }));
    }
    const base = validateConfig(oursConfig(ctx));
    const resolved = (name: string) => validateConfig(ablationConfig(ctx, 'snips', variant(name)));
    const noVectors = resolved('no vectors');
    assert.equal(base.encoder.vectors, 'glove-6b-100d');
    assert.equal(noVectors.encoder.vectors, null);
    assert.deepEqual({ ...noVectors, encoder: { ...noVectors.encoder, vectors: 'glove-6b-100d' } }, base);
    const noChar = resolved('no character features');
    assert.deepEqual([noChar.encoder.attrs, noChar.encoder.rows, noChar.encoder.attrWidths, noChar.encoder.charNgrams], [['NORM'], [5000], [64], 0]);
    assert.equal(noChar.encoder.vectors, 'glove-6b-100d');
    assert.equal(noChar.encoder.width, base.encoder.width);
    const plusChar = resolved('+ char n-grams');
    assert.deepEqual({ ...plusChar, encoder: { ...plusChar.encoder, charNgrams: 0 } }, base);
    assert.equal(plusChar.encoder.charNgrams, 5);
    const hashes = ABLATION_VARIANTS.map((v) => configHash({ ...ablationConfig(ctx, 'snips', v), scheme: 'shared', seed: 0 }));
    assert.equal(new Set(hashes).size, 4);
  }
  // NORM keeps the rows and width --config gives it; the other tables go.
  const ctx = ctxOf(['--config', '{"encoder":{"attrs":["SHAPE","NORM"],"rows":[100,7000],"attrWidths":[8,48]}}']);
  const noChar = validateConfig(ablationConfig(ctx, 'snips', variant('no character features')));
  assert.deepEqual([noChar.encoder.attrs, noChar.encoder.rows, noChar.encoder.attrWidths], [['NORM'], [7000], [48]]);
});

test('ablationRuns: the datasets present, CoNLL-2003 first; the default run is the accuracy section\'s shared run to the pool', () => {
  const ctx = ctxOf(['--quick']);
  const items = ablationRuns(ctx);
  // The fake data directory has SNIPS and CoNLL-2003, not ATIS.
  assert.deepEqual(
    items.map((i) => i.dataset),
    ['conll2003', 'conll2003', 'conll2003', 'conll2003', 'snips', 'snips', 'snips', 'snips'],
  );
  assert.ok(items.every((i) => i.scheme === 'shared' && i.seed === 0));
  assert.deepEqual(
    ablationRuns(ctxOf(['--quick', '--datasets', 'snips,atis'])).map((i) => i.dataset),
    ['snips', 'snips', 'snips', 'snips'],
  );
  // An accuracy-section item (no config: oursConfig) and the ablation's default item are one run.
  const accuracyItem = { dataset: 'snips' as const, scheme: 'shared', seed: 0 };
  const merged = uniqueRuns(ctx, [...items, accuracyItem]);
  assert.equal(merged.length, 8);
  assert.equal(uniqueRuns(ctx, [...items, { ...accuracyItem, seed: 1 }]).length, 9);
  assert.equal(uniqueRuns(ctx, [...items, { ...accuracyItem, scheme: 'separate' }]).length, 9);
});

const run = (over: { seed?: number; ents_f?: number | null; cats_acc?: number | null; sentence_acc?: number | null; trainSeconds?: number; history?: unknown[]; restoreBest?: boolean }): ExperimentRun =>
  ({
    seed: over.seed ?? 0,
    configHash: 'h',
    config: { training: { restoreBest: over.restoreBest ?? true } },
    scores: { ents_f: over.ents_f ?? null, cats_acc: over.cats_acc ?? null, sentence_acc: over.sentence_acc ?? null },
    timings: { trainSeconds: over.trainSeconds ?? 10 },
    history: over.history ?? [],
  }) as unknown as ExperimentRun;

test('keptEpoch: the last best-dev epoch with restoreBest, else the last epoch', () => {
  const history = [
    { epoch: 1, isBest: true, dev: { ents_f: 0.5 } },
    { epoch: 2, isBest: true, dev: { ents_f: 0.7 } },
    { epoch: 3, isBest: false, dev: { ents_f: 0.6 } },
  ];
  assert.equal(keptEpoch(run({ history }))?.epoch, 2);
  assert.equal(keptEpoch(run({ history, restoreBest: false }))?.epoch, 3);
  assert.equal(keptEpoch(run({})), undefined);
});

test('ablation table: one row per dataset × variant, percent cells with the difference to the default of the same dataset', () => {
  const hist = (f: number, acc: number | undefined) => [{ epoch: 1, isBest: true, dev: { ents_f: f, ...(acc === undefined ? {} : { cats_acc: acc, sentence_acc: acc - 0.1 }) } }];
  const rows = [
    ablationRow('snips', 'default', 40, [run({ ents_f: 0.9, cats_acc: 0.95, sentence_acc: 0.8, trainSeconds: 100, history: hist(0.92, 0.97) })]),
    ablationRow('snips', 'no vectors', 40, [run({ ents_f: 0.88, cats_acc: 0.96, sentence_acc: 0.8, trainSeconds: 90, history: hist(0.9, 0.97) })]),
    ablationRow('conll2003', 'default', 30, [run({ ents_f: 0.86, sentence_acc: 0.79, trainSeconds: 800, history: hist(0.93, undefined) })]),
    ablationRow('conll2003', 'no vectors', 30, [run({ ents_f: 0.8, sentence_acc: 0.7, trainSeconds: 700, history: hist(0.88, undefined) })]),
  ];
  const t = ablationTable(rows, ['a note']);
  assert.deepEqual(t.columns, ABLATION_COLUMNS);
  assert.deepEqual(t.notes, ['a note']);
  assert.deepEqual(t.rows, [
    ['snips', 'default', '92.00', '97.00', '87.00', '90.00', '95.00', '80.00', '100'],
    ['snips', 'no vectors', '90.00 (−2.00)', '97.00 (±0.00)', '87.00 (±0.00)', '88.00 (−2.00)', '96.00 (+1.00)', '80.00 (±0.00)', '90 (−10)'],
    ['conll2003', 'default', '93.00', null, null, '86.00', null, '79.00', '800'],
    ['conll2003', 'no vectors', '88.00 (−5.00)', null, null, '80.00 (−6.00)', null, '70.00 (−9.00)', '700 (−100)'],
  ]);
  assert.equal(diffCell(null, null), null);
  assert.equal(diffCell({ median: 0.5, min: 0.5, max: 0.5, n: 1 }, null), '50.00');
  const s = (median: number) => ({ median, min: median, max: median, n: 1 });
  assert.equal(diffCell(s(4.1), s(4.5), { scale: 1, digits: 0 }), '4 (±0)');
  assert.equal(diffCell(s(4.1), s(4.6), { scale: 1, digits: 0 }), '4 (−1)');
  assert.equal(diffCell(s(0.9), s(0.9), { showDiff: false }), '90.00');
});

test('ablation section (quick, fake SNIPS + CoNLL-2003, no ATIS): reuses the shared run of the other sections, trains the rest once, skips ATIS with its reason', async () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'bench-ablation-runs-'));
  try {
    const ctx = ctxOf(['--quick', '--datasets', 'snips,atis,conll2003'], runsDir);
    // What the accuracy section trains for SNIPS when `shared` is the best scheme.
    const snips = oursData(ctx, 'snips');
    assert.ok(!('missing' in snips));
    const [shared] = await runOurs(ctx, snips, ['shared']);
    // Mark the stored run, so the table shows whether the section loaded it or trained its own.
    const [file] = readdirSync(runsDir).filter((f) => f.startsWith('snips__shared__'));
    const record = JSON.parse(readFileSync(join(runsDir, file), 'utf8')) as ExperimentRun;
    record.scores.ents_f = 0.4321;
    keptEpoch(record)!.dev.ents_f = 0.1234;
    writeFileSync(join(runsDir, file), JSON.stringify(record));

    const result = await ablationSection.run(ctx);
    assert.equal(result.status, 'ok');
    const runFiles = readdirSync(runsDir).filter((f) => f.endsWith('.json'));
    assert.equal(runFiles.length, 8, runFiles.join(', '));
    const [table] = result.tables;
    assert.deepEqual(table.columns, ABLATION_COLUMNS);
    assert.deepEqual(
      table.rows.map((r) => `${r[0]}/${r[1]}`),
      ['snips/default', 'snips/no vectors', 'snips/no character features', 'snips/+ char n-grams', 'conll2003/default', 'conll2003/no vectors', 'conll2003/no character features', 'conll2003/+ char n-grams'],
    );
    assert.equal(table.rows[0][2], '12.34');
    assert.equal(table.rows[0][5], '43.21');
    for (const row of table.rows.slice(1, 4)) {
      for (const cell of row.slice(2, 8)) assert.match(String(cell), /^\d+\.\d\d \([+−±]\d+\.\d\d\)$/);
      assert.match(String(row[8]), /^\d+ \([+−±]\d+\)$/);
    }
    for (const row of table.rows.slice(4)) assert.deepEqual([row[3], row[6]], [null, null]);
    assert.ok(table.notes!.includes('skipped: atis not in the data directory'), table.notes!.join('\n'));
    assert.ok(table.notes!.some((n) => n.startsWith('seed 0 only, in quick mode')));
    assert.ok(table.notes!.some((n) => n.startsWith('+ char n-grams: `encoder.charNgrams: 5`') && n.includes('off by default because the dev sets said so')));
    const data = result.data as { rows: { dataset: string; variant: string; configHash: string }[] };
    assert.equal(data.rows[0].configHash, shared.configHash);
    assert.equal(new Set(data.rows.filter((r) => r.dataset === 'snips').map((r) => r.configHash)).size, 4);

    // A second call trains nothing new and gives the same table.
    const again = await ablationSection.run(ctx);
    assert.equal(readdirSync(runsDir).filter((f) => f.endsWith('.json')).length, 8);
    assert.deepEqual(again.tables[0].rows, table.rows);

    // Only missing datasets: skipped, with the reason.
    const skipped = await ablationSection.run(ctxOf(['--quick', '--datasets', 'atis'], runsDir));
    assert.deepEqual([skipped.status, skipped.reason], ['skipped', 'atis not in the data directory']);
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
  }
});

after(() => rmSync(dataDir, { recursive: true, force: true }));
