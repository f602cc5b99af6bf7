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

test('the small NLU corpora get the small-data textcat; the other datasets keep the defaults', async () => {
  const { oursConfig, SMALL_DATA_CONFIG } = await import('../../bench/lib/ours');
  const ctx = { args: parseArgs(['--config', '{"epochs":3}'], 'o') } as Parameters<typeof oursConfig>[0];
  assert.deepEqual(oursConfig(ctx, 'snips'), { epochs: 3 });
  assert.deepEqual(oursConfig(ctx, 'webapps'), { ...SMALL_DATA_CONFIG, epochs: 3 });
  assert.deepEqual(oursConfig(ctx), { epochs: 3 });
});

test("the README's small-data snippet is the bench's SMALL_DATA_CONFIG (on the separate scheme) and validates", async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { SMALL_DATA_CONFIG } = await import('../../bench/lib/ours');
  const { validateConfig } = await import('../../lib/models/config/config');
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const m = readme.match(/const small = await trainPipeline\((\{[\s\S]*?\}), train\);/);
  assert.ok(m, 'README has the small-data snippet');
  const snippet = new Function(`return (${m[1]});`)() as Record<string, unknown>;
  assert.deepEqual(snippet, { scheme: 'separate', ...SMALL_DATA_CONFIG });
  assert.equal(validateConfig(snippet).heads.textcat.architecture, 'bow');
});

test('parseArgs(--queue url) sends our runs to a queue', () => {
  assert.equal(parseArgs(['--queue', 'redis://:pw@h:6379'], 'out.json').queue, 'redis://:pw@h:6379');
  assert.equal(parseArgs([], 'out.json').queue, undefined);
});
