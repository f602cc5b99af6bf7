// Builds notebooks/<name>.ipynb from scripts/notebooks/<name>.ts, written in the "percent" format
// (as jupytext reads it): `// %% [markdown]` starts a markdown cell whose lines are `// ` comments,
// `// %%` starts a code cell. Lines before the first cell of the form `// key: value` become
// metadata.workbench (title, description: shown in reports/index.html).
// Usage: node scripts/notebooks/build.mjs [NAME ...]   (default: every scripts/notebooks/*.ts)
//        node scripts/notebooks/build.mjs --check      exit 1 when a committed notebook differs from its source
// The .ipynb is what is committed and run; edit the .ts source and rebuild so the two stay in sync.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNotebook } from '../strip-notebooks.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..', '..');

/** Splits text into notebook source lines (each keeps its newline except the last). */
function sourceLines(text) {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l)).filter((l) => l !== '');
}

function trimBlankLines(lines) {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}

/** The notebook (nbformat 4 JSON object) for a percent-format TypeScript source. */
export function notebookFromPercent(text) {
  const cells = [];
  const workbench = {};
  let current;
  for (const line of text.split('\n')) {
    const marker = line.match(/^\/\/ %%(?:\s*\[(\w+)\])?\s*$/);
    if (marker) {
      current = { type: marker[1] === 'markdown' ? 'markdown' : 'code', lines: [] };
      cells.push(current);
    } else if (!current) {
      const meta = line.match(/^\/\/ (\w+): (.*)$/);
      if (meta) workbench[meta[1]] = meta[2].trim();
    } else if (current.type === 'markdown') {
      if (line.trim() !== '' && !line.startsWith('//')) {
        throw new Error(`markdown cell ${cells.length} has a line that is not a // comment: ${JSON.stringify(line)}`);
      }
      current.lines.push(line.replace(/^\/\/ ?/, ''));
    } else {
      current.lines.push(line);
    }
  }
  return {
    cells: cells.map((c) => {
      const source = sourceLines(trimBlankLines(c.lines).join('\n'));
      return c.type === 'markdown'
        ? { cell_type: 'markdown', metadata: {}, source }
        : { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source };
    }),
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' },
      workbench,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Pairs of (source .ts, notebook .ipynb) for the given names, or all sources. */
export function notebookSources(names = []) {
  const all = readdirSync(here).filter((f) => f.endsWith('.ts')).sort();
  const picked = names.length ? all.filter((f) => names.some((n) => f.startsWith(n))) : all;
  return picked.map((f) => ({
    source: join(here, f),
    notebook: join(repoRoot, 'notebooks', basename(f, '.ts') + '.ipynb'),
  }));
}

/** The .ipynb text a source builds to (cells get stable ids so rebuilding gives identical files). */
export function buildText(sourcePath) {
  const nb = notebookFromPercent(readFileSync(sourcePath, 'utf8'));
  nb.cells.forEach((c, i) => (c.id = `${basename(sourcePath, '.ts')}-${i + 1}`.replace(/[^A-Za-z0-9_-]/g, '-')));
  return formatNotebook(nb);
}

function main(argv) {
  const check = argv.includes('--check');
  const pairs = notebookSources(argv.filter((a) => a !== '--check'));
  let stale = 0;
  for (const { source, notebook } of pairs) {
    const text = buildText(source);
    const current = existsSync(notebook) ? readFileSync(notebook, 'utf8') : undefined;
    if (text === current) continue;
    if (check) {
      stale++;
      console.error(`${notebook} is out of date with ${source}: run \`node scripts/notebooks/build.mjs\``);
    } else {
      writeFileSync(notebook, text);
      console.log(`wrote ${notebook}`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
