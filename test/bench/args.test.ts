import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../bench/lib/args';

test('bench flags: defaults, every flag, --jobs validation, and unknown flags refused by name', () => {
  assert.deepEqual(parseArgs([], 'out.json'), { quick: false, out: 'out.json', fresh: false, config: {}, jobs: 1 });
  const a = parseArgs(['--quick', '--only', 'peer,speed', '--out=x.json', '--fresh', '--best', 'shared', '--config', '{"epochs":3}', '--jobs', '2'], 'out.json');
  assert.deepEqual(a, { quick: true, only: ['peer', 'speed'], out: 'x.json', fresh: true, best: 'shared', config: { epochs: 3 }, jobs: 2 });
  assert.throws(() => parseArgs(['--jobs', '0'], 'o'), /--jobs needs a positive integer, got 0/);
  assert.throws(() => parseArgs(['--jobs', 'two'], 'o'), /--jobs needs a positive integer, got two/);
  assert.throws(() => parseArgs(['--job', '2'], 'o'), /unknown flag --job/);
  assert.throws(() => parseArgs(['--out'], 'o'), /--out needs a value/);
});

test('--datasets restricts the dataset sections, keeps their order, and refuses unknown names', async () => {
  const { selectDatasets, INTENT_DATASETS } = await import('../../bench/lib/datasets');
  const a = parseArgs(['--datasets', 'chatbot, askubuntu'], 'o');
  assert.deepEqual(a.datasets, ['chatbot', 'askubuntu']);
  assert.deepEqual(selectDatasets(INTENT_DATASETS, a.datasets), ['askubuntu', 'chatbot']);
  assert.deepEqual(selectDatasets(INTENT_DATASETS, undefined), [...INTENT_DATASETS]);
  assert.deepEqual(selectDatasets(['conll2003'], a.datasets), []);
  assert.throws(() => selectDatasets(INTENT_DATASETS, ['snip']), /unknown dataset "snip"/);
});

test('our runs get one config on every dataset: the defaults (or the quick config) with --config on top', async () => {
  const ours = await import('../../bench/lib/ours');
  const ctx = { args: parseArgs(['--config', '{"epochs":3}'], 'o') } as Parameters<typeof ours.oursConfig>[0];
  assert.deepEqual(ours.oursConfig(ctx), { epochs: 3 });
  const quick = { args: parseArgs(['--quick', '--config', '{"encoder":{"depth":1}}'], 'o') } as Parameters<typeof ours.oursConfig>[0];
  assert.deepEqual(ours.oursConfig(quick), { encoder: { width: 64, depth: 1 }, epochs: 2 });
  // No per-dataset settings are left for the bench to apply.
  assert.equal(ours.oursConfig.length, 1);
  assert.ok(!('SMALL_DATA_CONFIG' in ours) && !('SMALL_DATASETS' in ours));
});

test('parseArgs(--queue url) sends our runs to a queue', () => {
  assert.equal(parseArgs(['--queue', 'redis://:pw@h:6379'], 'out.json').queue, 'redis://:pw@h:6379');
  assert.equal(parseArgs([], 'out.json').queue, undefined);
});
