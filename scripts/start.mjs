// `npm start`: registers the workbench's tslab kernel in .jupyter-local/ (no global Jupyter changes) and
// starts Jupyter on notebooks/: JupyterLab when installed, else the classic notebook server.
// Usage: node scripts/start.mjs [--dry-run] [extra Jupyter arguments, e.g. --no-browser --port=8899]
//   --dry-run  print the command and environment instead of starting the server
// Exit status: 3 when Jupyter or its server is missing (the apt-get line to install it is printed).
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { INSTALL_REPORT, INSTALL_SERVER, KERNEL_NAME, findPython, jupyterEnv, registerKernel, repoRoot } from './nb.mjs';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const jupyterArgs = args.filter((a) => a !== '--dry-run');

const core = findPython(['jupyter_core', 'jupyter_client']);
if (!core.python || core.missing.length) {
  console.error(`start: Jupyter is not installed (missing python modules: ${core.missing.join(', ')}). Install it with:\n  ${INSTALL_REPORT}\n  ${INSTALL_SERVER}`);
  process.exit(3);
}
// Prefer JupyterLab, fall back to the classic notebook server (Debian bookworm packages only the latter).
const lab = findPython(['jupyterlab']);
const classic = findPython(['notebook']);
const server = lab.python && !lab.missing.length ? { python: lab.python, sub: 'lab' }
  : classic.python && !classic.missing.length ? { python: classic.python, sub: 'notebook' }
  : undefined;
if (!server) {
  console.error(`start: Jupyter is installed but has no notebook server (neither jupyterlab nor notebook). Install it with:\n  ${INSTALL_SERVER}`);
  process.exit(3);
}

const kernelFile = registerKernel();
const notebooks = join(repoRoot, 'notebooks');
const command = [server.python, '-m', 'jupyter', server.sub, `--notebook-dir=${notebooks}`, ...jupyterArgs];
const env = jupyterEnv();
console.log(`start: kernel "${KERNEL_NAME}" registered in ${kernelFile}`);
console.log(`start: ${command.join(' ')}`);
if (dryRun) {
  for (const k of ['JUPYTER_PATH', 'JUPYTER_DATA_DIR', 'JUPYTER_RUNTIME_DIR', 'JUPYTER_CONFIG_DIR']) console.log(`  ${k}=${env[k]}`);
  process.exit(0);
}
const child = spawn(command[0], command.slice(1), { env, stdio: 'inherit', cwd: notebooks });
// Ctrl-C reaches the server through the terminal's process group; just mirror its exit status.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
