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
