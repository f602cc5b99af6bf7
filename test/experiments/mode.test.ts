import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runMode, byMode } from '../../lib/experiments/mode';

test('runMode(env) is full when WORKBENCH_FAST is unset, empty or 0', () => {
  assert.equal(runMode({}), 'full');
  assert.equal(runMode({ WORKBENCH_FAST: '' }), 'full');
  assert.equal(runMode({ WORKBENCH_FAST: '0' }), 'full');
  assert.equal(runMode({ WORKBENCH_FAST: 'false' }), 'full');
});

test('runMode(env) is fast for 1, true, yes (any case, trimmed)', () => {
  assert.equal(runMode({ WORKBENCH_FAST: '1' }), 'fast');
  assert.equal(runMode({ WORKBENCH_FAST: ' TRUE ' }), 'fast');
  assert.equal(runMode({ WORKBENCH_FAST: 'yes' }), 'fast');
});

test('runMode(env) rejects an unknown value with E010 naming the variable', () => {
  assert.throws(() => runMode({ WORKBENCH_FAST: 'fsat' }), /\[E010\].*WORKBENCH_FAST.*"fsat"/);
});

test('byMode(choices, mode) picks the value of the mode', () => {
  assert.equal(byMode({ fast: 2, full: 30 }, 'fast'), 2);
  assert.equal(byMode({ fast: 2, full: 30 }, 'full'), 30);
});
