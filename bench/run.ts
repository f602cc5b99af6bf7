// The benchmark harness: `npm run bench [-- --quick] [-- --only peer,speed]`.
// Runs the sections in order, writes bench/results.json (environment + every section's figures,
// each a median with min and max) and prints the tables as markdown. With --only, the other
// sections' results already in the JSON are kept.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { environmentInfo } from '../lib/experiments/versions';
import { ablationRuns, ablationSection } from './lib/ablationSection';
import { accuracySection } from './lib/accuracySection';
import { parseArgs } from './lib/args';
import { childSection, engineTables, streamsTables } from './lib/childSection';
import { oursIntentSection } from './lib/oursIntentSection';
import { prefetchRuns } from './lib/ours';
import { peerSection } from './lib/peerSection';
import { queueSection } from './lib/queueSection';
import type { Section, SectionContext, SectionResult } from './lib/section';
import { measureModelSpeed, speedSection } from './lib/speedSection';
import { markdownTable } from './lib/table';

/** Sections in run order: speed runs the scheme comparison that picks the accuracy section's best scheme. */
const SECTIONS: Section[] = [
  peerSection,
  oursIntentSection,
  speedSection,
  accuracySection,
  ablationSection,
  childSection('streams', 'streams.ts', 'lib/streams throughput (bench/streams.ts)', streamsTables),
  childSection('engine', 'engine.ts', 'lib/engine encoder throughput (bench/engine.ts)', engineTables),
  queueSection,
];

interface ResultsFile {
  date: string;
  quick: boolean;
  environment: unknown;
  /** With --jobs N: the up-front pool that trained the model runs, and its wall time. */
  prefetch?: { jobs: number; wallSeconds: number };
  sections: Record<string, SectionResult>;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const args = parseArgs(process.argv.slice(2), join(root, 'bench', 'results.json'));
  const names = SECTIONS.map((s) => s.name);
  for (const n of args.only ?? []) if (!names.includes(n)) throw new Error(`unknown section "${n}" (sections: ${names.join(', ')})`);
  const selected = SECTIONS.filter((s) => (args.only ? args.only.includes(s.name) : !s.optIn));
  const env = await environmentInfo();
  const kept: ResultsFile | undefined = args.only && existsSync(args.out) ? (JSON.parse(readFileSync(args.out, 'utf8')) as ResultsFile) : undefined;
  const results: ResultsFile = { date: env.date, quick: args.quick, environment: env, sections: { ...(kept?.sections ?? {}) } };
  const log = (m: string): void => void process.stderr.write(`[bench] ${m}\n`);
  log(`${args.quick ? 'quick' : 'full'} run of ${selected.map((s) => s.name).join(', ')}; backend ${env.backend}, ${env.cpu}, node ${env.node}`);
  // --fresh trains into its own folder, emptied first, so runs made earlier in this invocation are still shared.
  const runsDir = join(root, 'bench', 'runs', `${args.quick ? 'quick' : 'full'}${args.fresh ? '-fresh' : ''}`);
  if (args.fresh) rmSync(runsDir, { recursive: true, force: true });
  let failed = 0;
  let sectionArgs = args;
  if (args.jobs > 1 && !args.queue) {
    // Model runs first, in one pool of child processes; the sections then load them from runsDir.
    const pre: SectionContext = { args, env, runsDir, previous: results.sections, log };
    if (selected.includes(speedSection)) await measureModelSpeed(pre); // timed alone, before the pool fills the cores
    const t0 = performance.now();
    await prefetchRuns(pre, selected.map((s) => s.name), selected.includes(ablationSection) ? ablationRuns(pre) : []);
    results.prefetch = { jobs: args.jobs, wallSeconds: (performance.now() - t0) / 1000 };
    log(`model runs trained in ${args.jobs} child processes in ${results.prefetch.wallSeconds.toFixed(0)} s`);
    sectionArgs = { ...args, jobs: 1 }; // every run is in runsDir now
  }
  for (const section of selected) {
    const ctx: SectionContext = { args: sectionArgs, env, runsDir, previous: results.sections, log };
    const t0 = performance.now();
    let result: SectionResult;
    try {
      const r = await section.run(ctx);
      result = { ...r, quick: args.quick, date: new Date().toISOString(), seconds: (performance.now() - t0) / 1000 };
      if (r.status === 'skipped') log(`${section.name}: skipped (${r.reason})`);
    } catch (err) {
      failed++;
      log(`${section.name}: FAILED: ${(err as Error).stack ?? err}`);
      result = { status: 'failed', reason: (err as Error).message, quick: args.quick, date: new Date().toISOString(), seconds: (performance.now() - t0) / 1000, tables: [] };
    }
    results.sections[section.name] = result;
    log(`${section.name}: ${result.status} in ${result.seconds.toFixed(1)} s`);
    // Written after every section, so a crash or Ctrl-C late in a long run keeps what was measured.
    writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  }
  const lines = [`## Benchmarks (${args.quick ? 'quick' : 'full'}) — ${env.date}`, '', `${env.cpu} (${env.cores} cores), node ${env.node}, backend ${env.backend}, tfjs ${env.packages['@tensorflow/tfjs']}`, ''];
  if (results.prefetch) lines.push(`Model runs trained up front in ${results.prefetch.jobs} child processes: ${results.prefetch.wallSeconds.toFixed(0)} s wall (runs already in bench/runs were loaded, not retrained).`, '');
  for (const section of selected) {
    const r = results.sections[section.name];
    if (r.status !== 'ok') lines.push(`### ${section.name}: ${r.status}${r.reason ? ` — ${r.reason}` : ''}`, '');
    for (const t of r.tables) lines.push(markdownTable(t), '');
  }
  console.log(lines.join('\n'));
  log(`results written to ${args.out}`);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
