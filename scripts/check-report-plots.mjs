// Checks that every plot in a report page really renders offline: loads the page in headless Chromium
// (network closed, virtual time so plotly's async drawing finishes), dumps the DOM and checks that each
// Plotly.newPlot/react call in the page produced a `.js-plotly-plot` div holding a non-empty
// `<svg class="main-svg">` with at least one drawn trace, and that plotly.js is included exactly once.
// Usage: node scripts/check-report-plots.mjs PAGE.html ... [--screenshot OUT.png]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

/** The first line of the plotly.js bundle; counts how many times the library is inlined. */
const PLOTLY_BANNER = /\/\*\*\s*\n\* plotly\.js v\d/g;
const PLOT_CALL = /\bPlotly\.(newPlot|react)\s*\(/g;
/** Elements plotly draws for data: scatter/bar/box traces, heatmap images, pie slices, ... */
const TRACE = /class="(trace\b[^"]*|hm|slice\b[^"]*|contourlevel\b[^"]*)"/;

/** Path of a Chromium/Chrome binary: env CHROMIUM, else the usual names; undefined when none. */
export function chromiumPath() {
  const names = [process.env.CHROMIUM, '/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean);
  for (const name of names) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return name;
  }
  return undefined;
}

function runChromium(args, timeoutMs) {
  const chromium = chromiumPath();
  if (!chromium) throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM');
  const profile = mkdtempSync(join(tmpdir(), 'workbench-chromium-'));
  try {
    const r = spawnSync(
      chromium,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${profile}`, ...args],
      // Chromium keeps crash reports and a dconf cache under XDG dirs even with --user-data-dir: keep them
      // in the throwaway profile too, so a check leaves nothing in the home directory.
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: timeoutMs,
        env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
      },
    );
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status ?? r.signal}: ${(r.stderr || '').slice(-500)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's DOM after its scripts ran (virtual time budget in ms). */
export function dumpDom(htmlPath, budgetMs = 10_000) {
  return runChromium([`--virtual-time-budget=${budgetMs}`, '--dump-dom', pathToFileURL(resolve(htmlPath)).href], 120_000);
}

/** Saves a PNG screenshot of the page (width × height pixels). */
export function screenshot(htmlPath, pngPath, { width = 1400, height = 3000, budgetMs = 10_000 } = {}) {
  runChromium(
    [`--virtual-time-budget=${budgetMs}`, `--window-size=${width},${height}`, `--screenshot=${resolve(pngPath)}`,
      pathToFileURL(resolve(htmlPath)).href],
    120_000,
  );
}

/** Plot calls in the page's own scripts (the plotly bundle itself excluded). */
export function countPlotCalls(html) {
  let n = 0;
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (PLOTLY_BANNER.test(m[1])) {
      PLOTLY_BANNER.lastIndex = 0;
      continue;
    }
    n += [...m[1].matchAll(PLOT_CALL)].length;
  }
  return n;
}

/** Rendered plots in a DOM dump: for each .js-plotly-plot div, whether it holds an svg with a trace. */
export function renderedPlots(dom) {
  const starts = [...dom.matchAll(/<div\b[^>]*class="[^"]*\bjs-plotly-plot\b[^"]*"[^>]*>/g)].map((m) => m.index);
  return starts.map((start, i) => {
    const chunk = dom.slice(start, starts[i + 1] ?? dom.length);
    const id = chunk.match(/\bid="([^"]*)"/)?.[1] ?? `#${i + 1}`;
    const svg = chunk.match(/<svg\b[^>]*class="main-svg"[^>]*>([\s\S]*?)<\/svg>/);
    return { id, hasSvg: Boolean(svg && svg[1].includes('<')), hasTrace: TRACE.test(chunk) };
  });
}

/**
 * Renders the page in headless Chromium and lists what is wrong with its plots (empty = all good):
 * plotly inlined other than once, fewer rendered plot divs than plot calls, a plot without svg or trace.
 */
export function checkReportPlots(htmlPath, budgetMs = 10_000) {
  const html = readFileSync(htmlPath, 'utf8');
  const expected = countPlotCalls(html);
  const bundles = (html.match(PLOTLY_BANNER) || []).length;
  const plots = renderedPlots(dumpDom(htmlPath, budgetMs));
  const problems = [];
  if (expected > 0 && bundles !== 1) problems.push(`plotly.js is included ${bundles} times (expected once)`);
  if (plots.length < expected) problems.push(`${expected} plot call(s) but ${plots.length} rendered plot div(s)`);
  for (const p of plots) {
    if (!p.hasSvg) problems.push(`plot ${p.id}: no non-empty <svg class="main-svg">`);
    else if (!p.hasTrace) problems.push(`plot ${p.id}: svg has no drawn trace`);
  }
  return { expected, rendered: plots.filter((p) => p.hasSvg && p.hasTrace).length, bundles, problems };
}

function main(argv) {
  const pages = [];
  let shot;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--screenshot') shot = argv[++i];
    else pages.push(argv[i]);
  }
  let bad = 0;
  for (const page of pages) {
    if (!existsSync(page)) {
      console.error(`${page}: no such file`);
      bad++;
      continue;
    }
    const r = checkReportPlots(page);
    console.log(`${page}: ${r.rendered}/${r.expected} plot(s) rendered, plotly included ${r.bundles}×${r.problems.length ? '\n  ' + r.problems.join('\n  ') : ''}`);
    if (r.problems.length) bad++;
    if (shot) screenshot(page, pages.length > 1 ? shot.replace(/\.png$/, `-${basename(page, '.html')}.png`) : shot);
  }
  return bad ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
