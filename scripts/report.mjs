// `npm run report`: executes every notebooks/*.ipynb in order with the project's tslab kernel (headless,
// nbclient via scripts/run_notebook.py) and writes reports/<notebook>.html plus reports/index.html.
//
// Usage: node scripts/report.mjs [--notebooks DIR] [--out DIR] [--timeout SECONDS] [PREFIX ...]
//   PREFIX ...      run only notebooks whose file name starts with one of them (e.g. `01 03`)
//   --notebooks DIR notebooks to run (default notebooks/, or env WORKBENCH_NOTEBOOKS)
//   --out DIR       where the HTML goes (default reports/, or env WORKBENCH_REPORTS)
//   --timeout S     per-cell timeout in seconds (env WORKBENCH_CELL_TIMEOUT; default 6 h full, 15 min fast)
// Env: WORKBENCH_FAST=1 → fast mode (notebooks shrink epochs, seeds and sizes via runMode()/byMode()).
// Exit status: 0 all notebooks ran; 1 a cell failed (the notebook, cell number and error are printed);
// 2 bad arguments or setup; 3 Jupyter is not installed (the apt-get line is printed).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { INSTALL_REPORT, KERNEL_NAME, findPython, jupyterEnv, registerKernel, repoRoot } from './nb.mjs';

const require = createRequire(import.meta.url);
/** A path for messages: relative to the working directory when inside it, else absolute. */
const show = (p) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p) || '.');

function parseArgs(argv) {
  const opts = {
    notebooks: process.env.WORKBENCH_NOTEBOOKS || join(repoRoot, 'notebooks'),
    out: process.env.WORKBENCH_REPORTS || join(repoRoot, 'reports'),
    timeout: process.env.WORKBENCH_CELL_TIMEOUT,
    filters: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--notebooks') opts.notebooks = value();
    else if (flag === '--out') opts.out = value();
    else if (flag === '--timeout') opts.timeout = value();
    else if (flag === '--help' || flag === '-h') opts.help = true;
    else if (flag.startsWith('--')) fail(2, `unknown option ${flag} (see the top of scripts/report.mjs)`);
    else opts.filters.push(a);
  }
  opts.notebooks = resolve(opts.notebooks);
  opts.out = resolve(opts.out);
  return opts;
}

function fail(code, message) {
  console.error(`report: ${message}`);
  process.exit(code);
}

/** The run mode, read by the same code the notebooks use (dist/experiments/mode.js). */
function currentMode() {
  const modeFile = join(repoRoot, 'dist', 'experiments', 'mode.js');
  if (!existsSync(modeFile)) fail(2, `${relative(repoRoot, modeFile)} is missing: run \`npm run build\` first`);
  try {
    return require(modeFile).runMode();
  } catch (e) {
    fail(2, e.message);
  }
}

/** The tfjs backend a kernel gets in this environment (same node, same env), or a reason it is unknown. */
function probeBackend() {
  const code = `
    const wb = require(${JSON.stringify(join(repoRoot, 'dist'))});
    if (!wb.engine || typeof wb.engine.init !== 'function') { console.log('unknown (engine.init not built)'); }
    else wb.engine.init().then((b) => console.log(b), (e) => { console.log('unavailable: ' + e.message); });`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 120_000 });
  const out = (r.stdout || '').trim().split('\n').pop();
  return r.status === 0 && out ? out : `unknown (probe failed: ${(r.stderr || '').trim().split('\n')[0] || r.signal})`;
}

/** Title and one-line description of a notebook: metadata.workbench, else its first markdown cell. */
function describeNotebook(path) {
  const nb = JSON.parse(readFileSync(path, 'utf8'));
  const meta = nb.metadata?.workbench ?? {};
  const md = nb.cells.find((c) => c.cell_type === 'markdown');
  const lines = md ? [].concat(md.source).join('').split('\n').map((l) => l.trim()) : [];
  const title = meta.title ?? lines.find((l) => l.startsWith('# '))?.slice(2) ?? basename(path, '.ipynb');
  const description = meta.description ?? lines.find((l) => l && !l.startsWith('#')) ?? '';
  return { title, description };
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function writeIndex(out, entries) {
  const rows = entries
    .map(
      (e) => `<tr class="${e.ok ? 'ok' : 'failed'}">
  <td><a href="${escapeHtml(e.html)}">${escapeHtml(e.name)}</a><div class="title">${escapeHtml(e.title)}</div></td>
  <td>${escapeHtml(e.description)}</td>
  <td>${e.ok ? 'ok' : `<b>failed</b> at cell ${escapeHtml(e.failedCell ?? '?')}: ${escapeHtml(e.error ?? '')}`}</td>
  <td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.mode)}</td><td>${escapeHtml(e.backend)}</td>
  <td class="num">${e.seconds === null ? '' : e.seconds.toFixed(1) + ' s'}</td>
</tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Workbench reports</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #ddd; }
th { background: #f5f5f5; } td:first-child, td:nth-child(4) { white-space: nowrap; } td.num { text-align: right; white-space: nowrap; } .title { color: #666; font-size: 13px; }
tr.failed td { background: #fdecea; }
</style></head>
<body>
<h1>Workbench reports</h1>
<p>Each notebook in <code>notebooks/</code>, executed headless by <code>npm run report</code>. Fast mode
(<code>WORKBENCH_FAST=1</code>) shrinks epochs, seeds and data sizes; full mode is the default.</p>
<table>
<thead><tr><th>Notebook</th><th>What it shows</th><th>Status</th><th>Run</th><th>Mode</th><th>Backend</th><th>Time</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
  writeFileSync(join(out, 'index.html'), html);
}

function printFailure(nbRel, f) {
  const where = f.cell ? `cell ${f.cell} (code cell ${f.codeCell})` : 'kernel start';
  console.error(`\n✖ ${nbRel} failed at ${where}: ${f.ename}: ${f.evalue}`);
  if (f.source) console.error(`--- ${nbRel}, cell ${f.cell} ---\n${f.source}\n---`);
  const detail = (f.traceback || f.stderr || '').trim();
  if (detail) console.error(detail.split('\n').slice(0, 30).join('\n'));
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0]);
    return 0;
  }
  const { python, missing } = findPython(['nbclient', 'nbconvert', 'nbformat', 'jupyter_client']);
  if (!python || missing.length) {
    fail(3, `Jupyter is not installed for ${python ?? process.env.WORKBENCH_PYTHON ?? '/usr/bin/python3'} (missing: ${missing.join(', ')}). Install it with:\n  ${INSTALL_REPORT}`);
  }
  if (!existsSync(opts.notebooks)) fail(2, `notebooks directory ${opts.notebooks} does not exist`);
  let notebooks = readdirSync(opts.notebooks).filter((f) => f.endsWith('.ipynb')).sort();
  if (opts.filters.length) {
    for (const p of opts.filters) {
      if (!notebooks.some((n) => n.startsWith(p))) fail(2, `no notebook in ${opts.notebooks} starts with "${p}" (have: ${notebooks.join(', ')})`);
    }
    notebooks = notebooks.filter((n) => opts.filters.some((p) => n.startsWith(p)));
  }
  if (notebooks.length === 0) fail(2, `no .ipynb files in ${opts.notebooks}`);

  const mode = currentMode();
  const timeout = Number(opts.timeout ?? (mode === 'fast' ? 900 : 6 * 3600));
  if (!Number.isInteger(timeout) || timeout <= 0) fail(2, `invalid per-cell timeout ${JSON.stringify(opts.timeout)} (whole seconds > 0)`);
  registerKernel();
  mkdirSync(opts.out, { recursive: true });
  const backend = probeBackend();
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  console.log(`report: ${notebooks.length} notebook(s), mode ${mode}, backend ${backend}, cell timeout ${timeout} s → ${show(opts.out)}`);

  const manifestPath = join(opts.out, 'manifest.json');
  const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const tmp = mkdtempSync(join(tmpdir(), 'workbench-report-'));
  const failures = [];
  try {
    for (const file of notebooks) {
      const path = join(opts.notebooks, file);
      const name = basename(file, '.ipynb');
      const nbRel = show(path);
      const html = join(opts.out, `${name}.html`);
      const resultPath = join(tmp, `${name}.json`);
      const { title, description } = describeNotebook(path);
      const header =
        `<a href="index.html">Workbench reports</a> · <b>${escapeHtml(name)}</b> · run ${escapeHtml(date)} · ` +
        `mode ${escapeHtml(mode)} · backend ${escapeHtml(backend)}`;
      process.stdout.write(`▶ ${nbRel} … `);
      const r = spawnSync(
        python,
        [join(repoRoot, 'scripts', 'run_notebook.py'), path, '--html', html, '--result', resultPath,
          '--kernel', KERNEL_NAME, '--cwd', opts.notebooks, '--timeout', String(timeout), '--header', header],
        { env: jupyterEnv(), stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      const result = existsSync(resultPath) ? JSON.parse(readFileSync(resultPath, 'utf8')) : undefined;
      if (!result) {
        console.log('crashed');
        console.error((r.stderr || '').trim());
        failures.push(nbRel);
        continue;
      }
      if (result.ok) {
        const [slowCell, slowSeconds] = result.cellSeconds.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
        console.log(`ok in ${result.seconds.toFixed(1)} s (kernel start ${result.kernelSeconds.toFixed(1)} s, slowest cell ${slowCell}: ${slowSeconds.toFixed(1)} s)`);
      } else {
        console.log('FAILED');
        printFailure(nbRel, result.failure);
        failures.push(nbRel);
      }
      manifest[name] = {
        name, title, description, html: `${name}.html`, ok: result.ok, date, mode, backend,
        seconds: result.seconds, kernelSeconds: result.kernelSeconds,
        failedCell: result.failure?.cell ?? null,
        error: result.failure ? `${result.failure.ename}: ${result.failure.evalue}` : null,
      };
      if (!result.html) delete manifest[name];
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const entries = Object.values(manifest)
    .filter((e) => existsSync(join(opts.out, e.html)))
    .sort((a, b) => a.name.localeCompare(b.name));
  writeIndex(opts.out, entries);
  console.log(`report: wrote ${show(join(opts.out, 'index.html'))} (${entries.length} notebook page(s))`);
  if (failures.length) {
    console.error(`report: ${failures.length} notebook(s) failed: ${failures.join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
