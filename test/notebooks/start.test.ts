import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { needJupyter, repoRoot } from './jupyter';

const start = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

test('start.mjs without Jupyter exits 3 and prints the apt-get line', () => {
  const r = start(['--dry-run'], { WORKBENCH_PYTHON: '/nonexistent/python3' });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /Jupyter is not installed/);
  assert.match(r.stderr, /sudo apt-get install -y jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel/);
  assert.match(r.stderr, /sudo apt-get install -y jupyter-notebook/);
});

test('start.mjs --dry-run registers the kernel project-locally and serves notebooks/', (t) => {
  if (!needJupyter(t)) return;
  // A stand-in `notebook` package makes the server check pass without installing the real server.
  const fake = mkdtempSync(join(tmpdir(), 'workbench-fake-notebook-'));
  try {
    mkdirSync(join(fake, 'notebook'));
    writeFileSync(join(fake, 'notebook', '__init__.py'), '');
    const r = start(['--dry-run', '--no-browser'], { PYTHONPATH: fake });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /-m jupyter (lab|notebook) --notebook-dir=\S+\/notebooks --no-browser/);
    assert.match(r.stdout, new RegExp(`kernel "tslab" registered in ${repoRoot}/\\.jupyter-local/kernels/tslab/kernel\\.json`));
    for (const k of ['JUPYTER_PATH', 'JUPYTER_DATA_DIR', 'JUPYTER_RUNTIME_DIR', 'JUPYTER_CONFIG_DIR']) {
      assert.match(r.stdout, new RegExp(`${k}=${repoRoot}/\\.jupyter-local`), `${k} must stay inside the repository`);
    }
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});
