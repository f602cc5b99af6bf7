import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../../../lib/models';

test('Registry.resolve(name) picks the latest version; name.vN picks exactly that one', () => {
  const r = new Registry<number>('thing');
  r.register('alpha', 1, 10);
  r.register('alpha', 2, 20);
  r.register('beta', 1, 30);
  assert.equal(r.resolve('alpha'), 'alpha.v2');
  assert.equal(r.resolve('alpha.v1'), 'alpha.v1');
  assert.equal(r.get('alpha').item, 20);
  assert.equal(r.get('alpha.v1').item, 10);
  assert.deepEqual(r.ids(), ['alpha.v1', 'alpha.v2', 'beta.v1']);
  assert.ok(r.has('beta') && r.has('beta.v1') && !r.has('gamma'));
});

test('Registry errors: unknown names get a suggestion; ids are registered once; names are checked', () => {
  const r = new Registry<number>('thing');
  r.register('alpha', 1, 10);
  assert.throws(() => r.resolve('alpah'), /E012.*unknown thing "alpah"; did you mean "alpha"\?.*registered: alpha\.v1/);
  assert.throws(() => r.register('alpha', 1, 11), /already registered/);
  assert.throws(() => r.register('bad name', 1, 0), /letters, digits and dashes/);
  assert.throws(() => r.register('ok', 0, 0), /positive integer/);
});
