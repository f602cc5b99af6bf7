import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { cpuModel, environmentInfo, packageVersions } from '../../lib/experiments/versions';

test('packageVersions(names) reads installed versions and gives null for missing packages', () => {
  const v = packageVersions(['@tensorflow/tfjs', 'no-such-package-xyz']);
  assert.match(v.workbench!, /^\d+\.\d+\.\d+/);
  assert.equal(v['@tensorflow/tfjs'], '4.22.0');
  assert.equal(v['no-such-package-xyz'], null);
});

test('environmentInfo() names the backend, node, CPU model and packages', async () => {
  const env = await environmentInfo();
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(env.backend));
  assert.equal(env.node, process.version);
  assert.equal(env.cpu, cpuModel());
  assert.equal(env.cpu, cpus()[0].model.trim());
  assert.equal(env.cores, cpus().length);
  assert.equal(env.packages['danfojs-node'], '1.2.0');
});
