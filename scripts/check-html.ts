// Builds a standalone HTML page with every plot type (plus rendered entities) and checks that headless
// Chromium really draws each figure. Runs are synthetic: a SNIPS-like test set and simulated predictions
// whose quality depends on scheme, train size and seed, scored with the real lib/eval metrics.
// Usage: node --import tsx scripts/check-html.ts [out-dir]   (writes page.html and page.png there)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Example, Span } from '../lib/data/types';
import { compareSchemes, scoreExamples, type EpochRecord, type RunRecord } from '../lib/eval';
import { mulberry32 } from '../lib/util/mulberry32';
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
  type ActiveLearningCurve,
  type HtmlItem,
} from '../lib/plots';

export const CHROMIUM = '/usr/bin/chromium';

type Slot = [string, string[]];
const TEMPLATES: [string, string, Slot[]][] = [
  ['BookRestaurant', 'book a table for {party_size} at a {restaurant_type} in {city} {date}', [['party_size', ['two', 'four', 'six']], ['restaurant_type', ['bistro', 'pizzeria', 'sushi bar']], ['city', ['Paris', 'Lyon', 'Oslo', 'Austin']], ['date', ['tonight', 'tomorrow', 'on friday']]]],
  ['GetWeather', 'will it rain in {city} {date}', [['city', ['Paris', 'Berlin', 'Lima', 'Austin']], ['date', ['tomorrow', 'this weekend', 'on monday']]]],
  ['PlayMusic', 'play {artist} on {service}', [['artist', ['Nina Simone', 'Daft Punk', 'Miles Davis']], ['service', ['Spotify', 'Deezer', 'YouTube']]]],
  ['AddToPlaylist', 'add {artist} to my {playlist} playlist', [['artist', ['Nina Simone', 'Björk', 'Radiohead']], ['playlist', ['road trip', 'workout', 'sunday']]]],
  ['SearchCreativeWork', 'find the {object_type} called {object_name}', [['object_type', ['movie', 'book', 'album']], ['object_name', ['Blue Velvet', 'Dune', 'Kind of Blue']]]],
];
const INTENTS = TEMPLATES.map((t) => t[0]);

/** A SNIPS-like test set: texts from templates with slot spans and one intent each. */
export function syntheticGold(n: number, seed = 1): Example[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const [intent, template, slots] = TEMPLATES[i % TEMPLATES.length];
    let text = '';
    const spans: Span[] = [];
    let rest = template;
    for (let m = /\{(\w+)\}/.exec(rest); m; m = /\{(\w+)\}/.exec(rest)) {
      text += rest.slice(0, m.index);
      const value = pick(slots.find((s) => s[0] === m![1])![1]);
      spans.push({ start: text.length, end: text.length + value.length, label: m[1] });
      text += value;
      rest = rest.slice(m.index + m[0].length);
    }
    text += rest;
    const tokens = [...text.matchAll(/\S+/g)].map((t) => ({ text: t[0], start: t.index!, end: t.index! + t[0].length }));
    return { text, tokens, spans, cats: Object.fromEntries(INTENTS.map((c) => [c, c === intent ? 1 : 0])) };
  });
}

/** Simulated predictions: each gold span is found, cut short, mislabelled or missed; the intent is right with some probability. */
export function simulatePredictions(gold: readonly Example[], entSkill: number, catSkill: number, random: () => number): Example[] {
  const labels = [...new Set(gold.flatMap((g) => g.spans.map((s) => s.label)))];
  return gold.map((g) => {
    const spans: Span[] = [];
    for (const s of g.spans) {
      const r = random();
      if (r < entSkill) spans.push({ ...s });
      else if (r < entSkill + (1 - entSkill) * 0.3 && g.text.indexOf(' ', s.start) > s.start && g.text.indexOf(' ', s.start) < s.end) spans.push({ ...s, end: g.text.indexOf(' ', s.start) });
      else if (r < entSkill + (1 - entSkill) * 0.6) spans.push({ ...s, label: labels[Math.floor(random() * labels.length)] });
    }
    const goldIntent = INTENTS.find((c) => g.cats[c] === 1)!;
    const top = random() < catSkill ? goldIntent : INTENTS[Math.floor(random() * INTENTS.length)];
    const raw = INTENTS.map((c) => (c === top ? 2 + 2 * random() : random()));
    const sum = raw.reduce((a, b) => a + b, 0);
    return { ...g, spans, cats: Object.fromEntries(INTENTS.map((c, j) => [c, raw[j] / sum])) };
  });
}

const SCHEMES = { separate: { ent: 0, cat: 0 }, shared: { ent: 0.03, cat: 0.01 }, cascade: { ent: -0.04, cat: 0.02 } } as const;

/** Runs for every scheme × train size × seed, scored with scoreExamples, predictions and history kept. */
export function syntheticRuns(gold: readonly Example[], sizes = [100, 300, 1000, 3000], seeds = [0, 1, 2, 3, 4]): RunRecord[] {
  const runs: RunRecord[] = [];
  for (const [scheme, bonus] of Object.entries(SCHEMES)) {
    for (const trainSize of sizes) {
      for (const seed of seeds) {
        const random = mulberry32(seed * 7919 + trainSize + scheme.length * 104729);
        const learn = 1 - Math.exp(-trainSize / 600);
        const noise = (random() - 0.5) * 0.04;
        const entSkill = Math.min(0.97, 0.45 + 0.47 * learn + bonus.ent * (1 - learn / 2) + noise);
        const catSkill = Math.min(0.99, 0.55 + 0.42 * learn + bonus.cat + noise / 2);
        const predictions = simulatePredictions(gold, entSkill, catSkill, random);
        const history: EpochRecord[] = Array.from({ length: 12 }, (_, epoch) => ({
          epoch,
          step: (epoch + 1) * Math.ceil(trainSize / 32),
          losses: { ner: 40 * Math.exp(-epoch / 3) + 2 + random(), textcat: 12 * Math.exp(-epoch / 2.5) + 0.5 + random() / 2 },
          dev: { ents_f: entSkill * (1 - Math.exp(-(epoch + 1) / 2.5)), cats_score: catSkill * (1 - Math.exp(-(epoch + 1) / 2)) },
        }));
        runs.push({ scheme, seed, trainSize, dataset: 'snips-like', scores: scoreExamples(gold, predictions), predictions, history });
      }
    }
  }
  return runs;
}

/** Active-learning curves per strategy and task (simulated: uncertainty sampling learns faster). */
export function syntheticActiveLearning(): ActiveLearningCurve[] {
  const sizes = [50, 100, 200, 400, 800];
  const speed = { random: 500, uncertainty: 330, 'joint uncertainty': 280 } as const;
  return (['ner', 'textcat'] as const).flatMap((task) =>
    Object.entries(speed).map(([strategy, s]) => {
      const mean = sizes.map((n) => (task === 'ner' ? 0.88 : 0.95) * (1 - 0.7 * Math.exp(-n / s)));
      return { strategy, task, sizes, mean, low: mean.map((m) => m - 0.02), high: mean.map((m) => Math.min(1, m + 0.02)) };
    }),
  );
}

/** Every figure type and two rendered texts (one with markup in it) as page items. */
export function examplePageItems(): HtmlItem[] {
  const gold = syntheticGold(150);
  const runs = syntheticRuns(gold);
  const largest = runs.filter((r) => r.trainSize === 3000);
  const table = compareSchemes(largest, { gold, metrics: ['ents_f', 'cats_score', 'sentence_acc'], samples: 300 });
  const byScheme = Object.fromEntries(Object.keys(SCHEMES).map((s) => [s, largest.filter((r) => r.scheme === s).map((r) => r.scores)]));
  const shared = largest.find((r) => r.scheme === 'shared' && r.seed === 0)!;
  const xss = '<script>document.body.dataset.pwned = "1"</script> & <b>bold</b>';
  return [
    { title: 'Schemes compared at 3000 training examples (<script> in a title stays text)', figure: schemeComparisonBars(table, { zoom: true }) },
    { title: 'Schemes per train size', figure: schemeComparisonBars(runs.filter((r) => r.trainSize! >= 1000), { gold, metrics: ['ents_f', 'cats_score'], samples: 200 }) },
    { title: 'Learning curves', figure: learningCurves(runs, { metric: ['ents_f', 'cats_score', 'sentence_acc'] }) },
    { title: 'Training curves', figure: trainingCurves(Object.fromEntries(Object.keys(SCHEMES).map((s) => [s, runs.find((r) => r.scheme === s && r.trainSize === 1000)!.history!]))) },
    { title: 'Confusion (shared, seed 0)', figure: confusionHeatmap(shared.scores.cats_confusion!, { normalize: 'true' }) },
    { title: 'Per-type F1', figure: perTypeF1Bars(byScheme) },
    { title: 'Active learning', figure: activeLearningCurves(syntheticActiveLearning(), { metric: 'F1' }) },
    { title: 'Entity types × intents', figure: cooccurrenceHeatmap(gold) },
    { title: 'Rendered prediction', html: renderEntities(shared.predictions![0].text, shared.predictions![0].spans, shared.predictions![0].cats) },
    { title: 'Rendered hostile text', html: renderEntities(`${xss} in Paris`, [{ start: xss.length + 4, end: xss.length + 9, label: 'GPE' }], { [`<i>${xss}</i>`]: 0.7, ok: 0.3 }) },
  ];
}

/** What the Chromium check found. */
export interface ChromiumCheck {
  ok: boolean;
  problems: string[];
  /** Per figure div: number of drawn trace groups (bars, scatter lines, heatmap images). */
  drawn: Record<string, number>;
}

function runChromium(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const profile = mkdtempSync(join(tmpdir(), 'wb-chromium-'));
  const r = spawnSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--virtual-time-budget=10000', ...args],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  rmSync(profile, { recursive: true, force: true });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/** Renders a page in headless Chromium (--dump-dom) and checks that each figure div holds a drawn plot. */
export function checkPageInChromium(htmlPath: string, figureIds: readonly string[]): ChromiumCheck {
  const r = runChromium(['--dump-dom', pathToFileURL(htmlPath).href]);
  const dom = r.stdout;
  const problems: string[] = [];
  const drawn: Record<string, number> = {};
  if (!dom.includes('</html>')) problems.push(`chromium returned no DOM (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  figureIds.forEach((id, k) => {
    const start = dom.indexOf(`id="${id}"`);
    if (start < 0) return void problems.push(`${id}: div missing`);
    const next = k + 1 < figureIds.length ? dom.indexOf(`id="${figureIds[k + 1]}"`, start) : -1;
    const segment = dom.slice(start, next > 0 ? next : undefined);
    if (!/<svg[^>]*class="main-svg"/.test(segment)) problems.push(`${id}: no <svg class="main-svg">`);
    const traces = (segment.match(/class="(trace bars|trace scatter|hm)"/g) ?? []).length + (segment.match(/class="trace scatter/g) ?? []).length;
    const points = (segment.match(/class="point"|class="js-line"|<image /g) ?? []).length;
    drawn[id] = points;
    if (traces === 0 || points === 0) problems.push(`${id}: svg has no drawn traces (${traces} trace groups, ${points} marks)`);
    if (/>plotly\.js is not loaded/.test(segment)) problems.push(`${id}: plotly.js was not loaded`);
  });
  if (/data-pwned/.test(dom)) problems.push('a <script> from user text ran');
  if (!dom.includes('&lt;script&gt;document.body.dataset.pwned')) problems.push('hostile text is not shown as escaped text');
  return { ok: problems.length === 0, problems, drawn };
}

/** Writes the example page into `dir`, validates every figure spec, checks it in Chromium; optionally screenshots. */
export function checkExamplePage(dir: string, opts: { screenshot?: boolean } = {}): ChromiumCheck & { htmlPath: string; pngPath?: string } {
  mkdirSync(dir, { recursive: true });
  const items = examplePageItems();
  const problems: string[] = [];
  items.forEach((it, i) => {
    if ('figure' in it) for (const p of figureProblems(it.figure)) problems.push(`figure ${i} (${it.title}): ${p}`);
  });
  const htmlPath = join(dir, 'page.html');
  writeFileSync(htmlPath, toHtml(items, 'Workbench plots: every figure type <check>'));
  const ids = items.flatMap((it, i) => ('figure' in it ? [`wb-fig-${i}`] : []));
  const check = checkPageInChromium(htmlPath, ids);
  let pngPath: string | undefined;
  if (opts.screenshot) {
    pngPath = join(dir, 'page.png');
    runChromium([`--screenshot=${pngPath}`, '--window-size=1400,5200', '--hide-scrollbars', pathToFileURL(htmlPath).href]);
    if (!existsSync(pngPath) || statSync(pngPath).size < 10_000) problems.push(`screenshot ${pngPath} missing or empty`);
  }
  const all = [...problems, ...check.problems];
  return { ok: all.length === 0, problems: all, drawn: check.drawn, htmlPath, pngPath };
}

if (require.main === module) {
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found: install chromium to run this check`);
    process.exit(2);
  }
  const dir = resolve(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'wb-check-html-')));
  const t0 = Date.now();
  const r = checkExamplePage(dir, { screenshot: true });
  console.log(`page: ${r.htmlPath}\nscreenshot: ${r.pngPath}\ndrawn marks per figure: ${JSON.stringify(r.drawn)}\n${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (!r.ok) {
    console.error(`FAILED:\n  ${r.problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('OK: every figure drawn, user text escaped');
}
