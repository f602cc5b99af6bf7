// Shared helpers for scripts/report.mjs and scripts/start.mjs: find a Python with Jupyter, register the
// tslab kernel in a project-local Jupyter directory, and build the environment for Jupyter children.
// Nothing here writes outside the repository: JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_RUNTIME_DIR,
// JUPYTER_CONFIG_DIR and IPYTHONDIR all point into .jupyter-local/ (git-ignored).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const jupyterLocal = join(repoRoot, '.jupyter-local');
export const KERNEL_NAME = 'tslab';

/** The apt-get line that installs what `npm run report` needs (Debian/Ubuntu). */
export const INSTALL_REPORT =
  'sudo apt-get install -y jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel';
/** The apt-get line that adds the notebook server `npm start` needs (Debian bookworm has no jupyterlab). */
export const INSTALL_SERVER = 'sudo apt-get install -y jupyter-notebook';

/** Runs `python -c code`; returns trimmed stdout, or undefined when python is missing or the code fails. */
function pythonOutput(python, code) {
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The Python interpreter to drive Jupyter with: WORKBENCH_PYTHON, else /usr/bin/python3 (Debian's
 * Jupyter lives there, not in a pyenv/conda python that may shadow it on PATH), else python3.
 * Returns { python, missing } where missing lists the modules it lacks among `modules`.
 */
export function findPython(modules) {
  const candidates = process.env.WORKBENCH_PYTHON
    ? [process.env.WORKBENCH_PYTHON]
    : ['/usr/bin/python3', 'python3'];
  let best;
  for (const python of candidates) {
    const out = pythonOutput(
      python,
      `import importlib.util, json; print(json.dumps([m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None]))`,
    );
    if (out === undefined) continue;
    const missing = JSON.parse(out);
    if (missing.length === 0) return { python, missing };
    if (!best || missing.length < best.missing.length) best = { python, missing };
  }
  return best ?? { python: undefined, missing: modules };
}

/** Environment for Jupyter child processes: project-local Jupyter dirs, everything else inherited. */
export function jupyterEnv(extra = {}) {
  return {
    ...process.env,
    JUPYTER_PATH: jupyterLocal,
    JUPYTER_DATA_DIR: jupyterLocal,
    JUPYTER_RUNTIME_DIR: join(jupyterLocal, 'runtime'),
    JUPYTER_CONFIG_DIR: join(jupyterLocal, 'config'),
    // nbconvert imports IPython, which creates ~/.ipython unless told otherwise.
    IPYTHONDIR: join(jupyterLocal, 'ipython'),
    // Debian's python 3.11 warns about frozen modules whenever the debugger-capable kernel starts.
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    ...extra,
  };
}

/**
 * Writes .jupyter-local/kernels/tslab/kernel.json pointing at this repository's tslab and at the node
 * running this script (what `tslab install --prefix` would do, minus the global registry). Idempotent.
 * Returns the kernel.json path.
 */
export function registerKernel() {
  const tslab = join(repoRoot, 'node_modules', 'tslab', 'bin', 'tslab');
  if (!existsSync(tslab)) {
    throw new Error(`tslab is not installed (${tslab} missing): run \`npm ci\` in ${repoRoot}`);
  }
  const dir = join(jupyterLocal, 'kernels', KERNEL_NAME);
  const file = join(dir, 'kernel.json');
  const spec = {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (workbench)',
    language: 'typescript',
  };
  const text = JSON.stringify(spec, null, 2) + '\n';
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(jupyterLocal, 'runtime'), { recursive: true });
  mkdirSync(join(jupyterLocal, 'config'), { recursive: true });
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    // Write then rename: reports running in parallel (tests) never see a half-written spec.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return file;
}
