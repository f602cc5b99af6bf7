import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../lib/cli/commands';
import { workbench } from './helpers';

test('workbench --help lists every command and exits 0', async () => {
  const r = await workbench(['--help']);
  assert.equal(r.code, 0);
  for (const name of ['debug-data', 'init-config', 'train', 'evaluate', 'predict', 'suggest', 'compare']) {
    assert.ok(COMMANDS.some((c) => c.name === name), name);
    assert.match(r.stdout, new RegExp(`\\n  ${name}\\b`), name);
  }
});

test('every command has --help (exit 0, its usage line)', async () => {
  for (const c of COMMANDS) {
    const r = await workbench([c.name, '--help']);
    assert.equal(r.code, 0, c.name);
    assert.match(r.stdout, new RegExp(`^Usage: workbench ${c.name} `), c.name);
  }
});

test('an unknown command or option prints the usage and exits 2', async () => {
  const r = await workbench(['trian']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'trian'/);
  assert.match(r.stderr, /Did you mean train\?/);
  const o = await workbench(['init-config', '--shceme', 'shared']);
  assert.equal(o.code, 2);
  assert.match(o.stderr, /unknown option '--shceme'/);
  assert.match(o.stderr, /Usage: workbench init-config/);
});

test('a missing input file is E801 naming it, exit 1', async () => {
  const r = await workbench(['debug-data', '--data', '/nonexistent-folder/x.jsonl']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E801\].*nonexistent-folder/);
});
