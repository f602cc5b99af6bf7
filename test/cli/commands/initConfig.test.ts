import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../../../lib/models';
import { workbench } from '../helpers';

test('init-config prints the full default config as JSON', async () => {
  const r = await workbench(['init-config']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify(validateConfig({}))));
});

test('init-config --scheme NAME sets the scheme (its versioned id)', async () => {
  const r = await workbench(['init-config', '--scheme', 'separate']);
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).scheme, 'separate.v1');
});

test('init-config --scheme with an unknown name prints the usage and the registered schemes, exit 2', async () => {
  const r = await workbench(['init-config', '--scheme', 'joint-ish']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown scheme "joint-ish"; registered: .*separate/);
  assert.match(r.stderr, /Usage: workbench init-config/);
});
