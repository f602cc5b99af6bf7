// Builds a standalone HTML page with every plot type (plus rendered entities) from a REAL small run and
// checks that headless Chromium draws each figure and runs no script injected through user text.
// The run: the shipped chatbot sample split into train/dev/test (seeded), a tiny but real sweep
// (runExperimentRecords: schemes × 2 seeds × 2 train sizes, width 32, depth 2, 6 epochs) and a 2-round
// active-learning simulation, cached as run files in a folder (a temp one unless --cache is given).
// Usage: node --import tsx scripts/check-html.ts [--out page.html] [--screenshot page.png]
//          [--cache DIR] [--schemes all|separate,shared,...]
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSampleJoint, trainDevSplit, type Example } from '../lib/data';
import { compareSchemes } from '../lib/eval';
import { runExperimentRecords, simulateActiveLearning, toActiveLearningCurves, type ActiveLearningPoint, type ExperimentRun } from '../lib/experiments';
import { schemes as schemeRegistry } from '../lib/models';
import {
  activeLearningCurves,
  confusionHeatmap,
  cooccurrenceHeatmap,
  figureProblems,
  learningCurves,
  perTypeF1Bars,
  renderEntities,
  schemeComparisonBars,
  toHtml,
  trainingCurves,
  type HtmlItem,
} from '../lib/plots';

export const CHROMIUM = '/usr/bin/chromium';

/** Schemes of the default sweep (--schemes all trains every registered scheme, ~2.5× longer). */
export const DEFAULT_SCHEMES = ['separate', 'shared', 'conditioned'];

/**
 * Tiny but real training settings. Everything that sets the cost is pinned here, so tuning the
 * library defaults does not change this check's runtime; warm-up is short because a run has few steps.
 */
export const SMALL_CONFIG = {
  encoder: { width: 32, depth: 2 },
  epochs: 6,
  batchSize: 16,
  training: { warmupSteps: 5, patience: 0 },
} as const;

/** The user text that must stay text: if it ran, <body> would get data-pwned. */
export const HOSTILE = '<script>document.body.dataset.pwned = "1"</script> & <b>bold</b>';

/** Splits, runs and active-learning points of the small real experiment. */
export interface SmallRun {
  all: Example[];
  train: Example[];
  dev: Example[];
  test: Example[];
  runs: ExperimentRun[];
  activeLearning: ActiveLearningPoint[];
  /** Wall-clock seconds of the sweep and of the simulation (near 0 when loaded from the cache). */
  seconds: { sweep: number; activeLearning: number };
}

/** Options of `smallRealRun`. */
export interface SmallRunOptions {
  /** Folder for the run files (reused: runs already there are loaded, not retrained). */
  cacheDir: string;
  /** Schemes to train (default DEFAULT_SCHEMES). */
  schemes?: string[];
}

/**
 * Trains the small sweep on the shipped sample: 30% test, 15% of the rest dev (seeded splits),
 * schemes × seeds [0, 1] × train sizes [60, all], then simulates active learning for 'shared'
 * (seed set 20, +20 per round, 2 rounds, every strategy) on the train split as the pool.
 */
export async function smallRealRun(opts: SmallRunOptions): Promise<SmallRun> {
  const all = await loadSampleJoint();
  const { train: rest, dev: test } = trainDevSplit(all, { dev: 0.3, seed: 0 });
  const { train, dev } = trainDevSplit(rest, { dev: 0.15, seed: 1 });
  const t0 = performance.now();
  const runs = await runExperimentRecords({
    data: { name: 'sample', train, dev, test },
    schemes: opts.schemes ?? DEFAULT_SCHEMES,
    seeds: [0, 1],
    trainSizes: [60, 'all'],
    config: { ...SMALL_CONFIG },
    outDir: join(opts.cacheDir, 'runs'),
    progress: 'none',
  });
  const t1 = performance.now();
  const activeLearning = await simulateActiveLearning({
    pool: train,
    test,
    seedSize: 20,
    batchSize: 20,
    rounds: 2,
    config: { ...SMALL_CONFIG, scheme: 'shared', epochs: 10 },
    outDir: join(opts.cacheDir, 'active-learning'),
    name: 'sample',
    progress: 'none',
  });
  const t2 = performance.now();
  return { all, train, dev, test, runs, activeLearning, seconds: { sweep: (t1 - t0) / 1000, activeLearning: (t2 - t1) / 1000 } };
}

/** A prediction worth showing: the first test text where the model found at least two entities. */
function showcase(run: ExperimentRun, test: readonly Example[]): { pred: Example; gold: Example } {
  const i = Math.max(0, run.predictions!.findIndex((p) => p.spans.length >= 2));
  return { pred: run.predictions![i], gold: test[i] };
}

/** Every figure type and two rendered texts (a real prediction, and one with markup in it) as page items. */
export function examplePageItems(real: SmallRun): HtmlItem[] {
  const { runs, test } = real;
  const largest = Math.max(...runs.map((r) => r.trainSize!));
  const atLargest = runs.filter((r) => r.trainSize === largest);
  const schemes = [...new Set(runs.map((r) => r.scheme))];
  const table = compareSchemes(atLargest, { gold: test, samples: 300 });
  const byScheme = Object.fromEntries(schemes.map((s) => [s, atLargest.filter((r) => r.scheme === s).map((r) => r.scores)]));
  const seed0 = Object.fromEntries(schemes.map((s) => [s, atLargest.find((r) => r.scheme === s && r.seed === 0)!]));
  const shared = seed0.shared ?? seed0[schemes[0]];
  const shown = showcase(shared, test);
  const goldCats = Object.keys(shown.gold.cats).filter((c) => shown.gold.cats[c] === 1);
  const where = `${real.train.length} train / ${real.dev.length} dev / ${test.length} test texts of the shipped sample`;
  return [
    { title: `Schemes compared at n=${largest} (${where}); compareSchemes DataFrame — <script> in a title stays text`, figure: schemeComparisonBars(table, { zoom: true }) },
    { title: 'Schemes per train size', figure: schemeComparisonBars(runs, { gold: test, metrics: ['ents_f', 'cats_score'], samples: 300 }) },
    { title: 'Learning curves (2 seeds per point)', figure: learningCurves(runs, { metric: ['ents_f', 'cats_score', 'sentence_acc'] }) },
    { title: `Training curves (n=${largest}, seed 0)`, figure: trainingCurves(Object.fromEntries(schemes.map((s) => [s, seed0[s].history])), { dev: ['ents_f', 'cats_score'] }) },
    { title: `Category confusion (${shared.scheme}, n=${largest}, seed 0)`, figure: confusionHeatmap(shared.scores.cats_confusion!) },
    { title: `Per-type F1 (n=${largest}, 2 seeds)`, figure: perTypeF1Bars(byScheme) },
    { title: 'Active learning (shared, 2 rounds of 20)', figure: activeLearningCurves(toActiveLearningCurves(real.activeLearning), { metric: 'NER ents_f · textcat cats_acc' }) },
    { title: 'Entity types × intents (whole sample)', figure: cooccurrenceHeatmap(real.all) },
    {
      title: `Prediction of ${shared.scheme} (seed 0) on a test text; gold: ${goldCats.join(', ') || 'no category'}, ${shown.gold.spans.map((s) => s.label).join(', ') || 'no entities'}`,
      html: renderEntities(shown.pred.text, shown.pred.spans, shown.pred.cats),
    },
    {
      title: 'Rendered hostile text',
      html: renderEntities(`${HOSTILE} in Paris`, [{ start: HOSTILE.length + 4, end: HOSTILE.length + 9, label: 'CITY' }], { [`<i>${HOSTILE}</i>`]: 0.7, ok: 0.3 }),
    },
  ];
}

/** What the page check found. */
export interface PageCheck {
  ok: boolean;
  problems: string[];
  /** Per figure div: drawn marks (bar points, scatter lines, heatmap images). */
  drawn: Record<string, number>;
  htmlPath: string;
  pngPath?: string;
  /** Wall-clock seconds: training (sweep + active learning), page building, Chromium. */
  seconds: { sweep: number; activeLearning: number; page: number; chromium: number };
  runs: number;
}

type ReportChecker = typeof import('./check-report-plots.mjs');

/** Checks a dumped DOM: every figure id rendered an svg with traces and marks, user text stayed text. */
export function domProblems(checker: ReportChecker, html: string, dom: string, figureIds: readonly string[]): { problems: string[]; drawn: Record<string, number> } {
  const problems: string[] = [];
  const drawn: Record<string, number> = {};
  if (!dom.includes('</html>')) problems.push('chromium returned no DOM');
  const calls = checker.countPlotCalls(html);
  if (calls !== figureIds.length) problems.push(`${calls} plot call(s) in the page for ${figureIds.length} figures`);
  const plots = checker.renderedPlots(dom);
  for (const id of figureIds) {
    const plot = plots.find((p) => p.id === id);
    if (!plot) {
      problems.push(`${id}: not rendered by plotly (no .js-plotly-plot div)${dom.includes(`id="${id}"`) ? '' : ', div missing'}`);
      continue;
    }
    if (!plot.hasSvg) problems.push(`${id}: no non-empty <svg class="main-svg">`);
    else if (!plot.hasTrace) problems.push(`${id}: svg has no drawn trace`);
    const start = dom.indexOf(`id="${id}"`);
    const next = dom.indexOf('class="wb-item"', start);
    const segment = dom.slice(start, next > 0 ? next : undefined);
    drawn[id] = (segment.match(/class="point"|class="js-line"|<image /g) ?? []).length;
    if (drawn[id] === 0) problems.push(`${id}: no drawn marks (bars, lines or heatmap images)`);
  }
  if (/data-pwned/.test(dom)) problems.push('a <script> from user text ran');
  if (!dom.includes('&lt;script&gt;document.body.dataset.pwned')) problems.push('hostile text is not shown as escaped text');
  return { problems, drawn };
}

/** Options of `checkExamplePage`. */
export interface CheckPageOptions {
  /** Where the page goes. */
  out: string;
  /** Run-file cache (see smallRealRun). */
  cacheDir: string;
  /** Also save a full-page PNG screenshot here. */
  screenshot?: string;
  schemes?: string[];
}

/** Trains (or loads) the small run, writes the page, validates every figure spec, checks it in Chromium. */
export async function checkExamplePage(opts: CheckPageOptions): Promise<PageCheck> {
  const real = await smallRealRun({ cacheDir: opts.cacheDir, schemes: opts.schemes });
  const t0 = performance.now();
  const items = examplePageItems(real);
  const problems: string[] = [];
  items.forEach((it, i) => {
    if ('figure' in it) for (const p of figureProblems(it.figure)) problems.push(`figure ${i} (${it.title}): ${p}`);
  });
  const htmlPath = resolve(opts.out);
  mkdirSync(dirname(htmlPath), { recursive: true });
  const html = toHtml(items, 'Workbench plots from a real small run <check>');
  writeFileSync(htmlPath, html);
  const ids = items.flatMap((it, i) => ('figure' in it ? [`wb-fig-${i}`] : []));
  const t1 = performance.now();
  // The checker is an ES module shared with the notebook report check.
  const checker: ReportChecker = await import('./check-report-plots.mjs');
  const dom = checker.dumpDom(htmlPath);
  const check = domProblems(checker, html, dom, ids);
  problems.push(...check.problems);
  let pngPath: string | undefined;
  if (opts.screenshot) {
    pngPath = resolve(opts.screenshot);
    mkdirSync(dirname(pngPath), { recursive: true });
    // Tall enough for every section: figure heights plus headings, HTML items ~150 px each.
    const height = 120 + items.reduce((h, it) => h + 70 + ('figure' in it ? ((it.figure.layout.height as number | undefined) ?? 450) : 150), 0);
    checker.screenshot(htmlPath, pngPath, { width: 1400, height });
    if (!existsSync(pngPath) || statSync(pngPath).size < 10_000) problems.push(`screenshot ${pngPath} missing or empty`);
  }
  const t2 = performance.now();
  return {
    ok: problems.length === 0,
    problems,
    drawn: check.drawn,
    htmlPath,
    pngPath,
    seconds: { ...real.seconds, page: (t1 - t0) / 1000, chromium: (t2 - t1) / 1000 },
    runs: real.runs.length,
  };
}

function parseArgs(argv: string[]): { out?: string; screenshot?: string; cache?: string; schemes?: string[] } {
  const args: { out?: string; screenshot?: string; cache?: string; schemes?: string[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--out') args.out = value();
    else if (argv[i] === '--screenshot') args.screenshot = value();
    else if (argv[i] === '--cache') args.cache = value();
    else if (argv[i] === '--schemes') {
      const v = value();
      args.schemes = v === 'all' ? schemeRegistry.list().map((e) => e.name) : v.split(',');
    } else throw new Error(`unknown argument ${argv[i]} (usage: [--out page.html] [--screenshot page.png] [--cache DIR] [--schemes all|a,b])`);
  }
  return args;
}

if (require.main === module) {
  (async () => {
    if (!existsSync(CHROMIUM)) {
      console.error(`${CHROMIUM} not found: install chromium to run this check`);
      process.exit(2);
    }
    const args = parseArgs(process.argv.slice(2));
    const scratch = mkdtempSync(join(tmpdir(), 'wb-check-html-'));
    const t0 = performance.now();
    try {
      const r = await checkExamplePage({ out: args.out ?? join(scratch, 'page.html'), cacheDir: args.cache ?? join(scratch, 'cache'), screenshot: args.screenshot, schemes: args.schemes });
      const s = r.seconds;
      console.log(`page: ${r.htmlPath}${args.out ? '' : ' (temporary, removed; pass --out to keep it)'} (${(readFileSync(r.htmlPath).length / 1e6).toFixed(1)} MB)`);
      if (r.pngPath) console.log(`screenshot: ${r.pngPath}`);
      console.log(`drawn marks per figure: ${JSON.stringify(r.drawn)}`);
      console.log(`${r.runs} runs; sweep ${s.sweep.toFixed(1)} s, active learning ${s.activeLearning.toFixed(1)} s, page ${s.page.toFixed(1)} s, chromium ${s.chromium.toFixed(1)} s; total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (!r.ok) {
        console.error(`FAILED:\n  ${r.problems.join('\n  ')}`);
        process.exitCode = 1;
      } else console.log('OK: every figure drawn, user text escaped');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
