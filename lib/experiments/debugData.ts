import { existsSync } from 'node:fs';
import { WorkbenchError, type ErrorCode, type ErrorLocation } from '../errors';
import { taskHash } from '../data/hashes';
import { readTextLines } from '../data/jsonl';
import { prodigyTaskKind, TaskMerger, type ProdigyLoadStats, type ProdigyTask } from '../data/prodigy';
import { addJointExample, isJointLine, type JsonlSource } from '../data/readExamples';
import { emptyLoadStats } from '../data/taskMerger';
import type { Example } from '../data/types';
import { inferExclusive } from '../models';
import { fewExamples, Warnings, type WarningCode } from '../warnings';
import { labelCounts, type CatLabelCount, type EntityLabelCount } from './labelCounts';

/** One finding of `debugData`: an error stops training; a warning is worth a look. */
export interface DataProblem {
  level: 'error' | 'warning';
  /** Catalogue code: of the error the loader would throw (errors), or of the merger's warning (W015-W017). */
  code?: ErrorCode | WarningCode;
  message: string;
  /** How many tasks / texts / labels it concerns (the first location is given). */
  count: number;
  where?: ErrorLocation;
}

/** What one input file holds: its tasks by kind. */
export interface DataFileSummary {
  path: string;
  /** How it was read: 'ner', 'textcat' or 'auto' (kinds decided per task). */
  readAs: JsonlSource['kind'];
  lines: number;
  ner: number;
  textcat: number;
  joint: number;
  other: number;
}

/** Options of `debugData`. */
export interface DebugDataOptions {
  /** Texts with at most this many tokens are "very short" (default 2). */
  shortTokens?: number;
  /** Texts with at least this many tokens are "very long" (default 200). */
  longTokens?: number;
}

/** What `debugData` found: counts, per-label tables, co-occurrence and problems. */
export interface DebugDataReport {
  files: DataFileSummary[];
  /** The loader's counts over all files (TaskMerger's). */
  load: ProdigyLoadStats;
  /** Merged texts: in both sets, NER only, textcat only. */
  texts: { total: number; both: number; nerOnly: number; catsOnly: number };
  entities: EntityLabelCount[];
  cats: CatLabelCount[];
  /** Whether the categories look mutually exclusive (one positive per text). */
  exclusive: boolean;
  tokens: { min: number; max: number; mean: number; short: number; long: number };
  /** Texts with an entity label (rows) in a text of a category (columns), over texts in both sets. */
  cooccurrence: { entities: string[]; cats: string[]; counts: number[][] };
  duplicates: number;
  /** The merger's conflicts by kind (load.conflictKinds): answers that changed a category, or the entities. */
  conflicts: { cats: number; spans: number };
  problems: DataProblem[];
  /** True when `workbench train` would stop with an error on this data. */
  wouldFail: boolean;
}

/**
 * spaCy's `debug data` for joint NER + textcat Prodigy data: reads every line with the loader's own
 * checks (TaskMerger), but keeps going after a bad task so every problem is counted, with the first
 * locations of each: invalid JSON, tasks of the wrong kind in a file (a mixed set), spans out of
 * range, off token boundaries or overlapping, duplicates, conflicting answers, texts in one set
 * only, categories without negatives or alone, very short or long texts. `wouldFail` is set when
 * training would stop (a loader error, or nothing to learn).
 */
export async function debugData(sources: readonly JsonlSource[], opts: DebugDataOptions = {}): Promise<DebugDataReport> {
  const problems = new ProblemList();
  // Conflicts, dropped spans and shared texts are reported from the merger's stats (mergerProblems),
  // which also hold them when examples() throws; any other warning of the merger joins as it comes.
  const merger = new TaskMerger({
    onWarning: (w) => {
      if (!FROM_STATS.includes(w.code)) problems.add('warning', w.message.replace(/^\[W\d+\] /, ''), w.location, w.code, w.count);
    },
  });
  const files: DataFileSummary[] = [];
  const seenTasks = new Set<string>();
  let duplicates = 0;
  for (const source of sources) {
    if (!existsSync(source.path)) throw new WorkbenchError('E801', 'no such file', { file: source.path });
    const file: DataFileSummary = { path: source.path, readAs: source.kind, lines: 0, ner: 0, textcat: 0, joint: 0, other: 0 };
    files.push(file);
    for await (const { text, line } of readTextLines(source.path)) {
      file.lines++;
      const where = { file: source.path, line };
      let task: ProdigyTask;
      try {
        task = JSON.parse(text) as ProdigyTask;
      } catch (err) {
        problems.add('error', `invalid JSON: ${(err as Error).message}`, where, 'E001');
        continue;
      }
      if (task === null || typeof task !== 'object' || Array.isArray(task)) {
        problems.add('error', 'a line must be a JSON object', where, 'E002');
        continue;
      }
      const kind = isJointLine(task) ? 'joint' : prodigyTaskKind(task);
      file[kind]++;
      // The same question with the same answer (for a choice task, the same options chosen); a
      // different answer is a conflict (the merger counts those).
      const chosen = Array.isArray(task.accept) ? `|${JSON.stringify(task.accept.map(String).sort())}` : '';
      const key = `${typeof task._task_hash === 'number' ? task._task_hash : taskHash(task)}|${String(task.answer ?? 'accept')}${chosen}`;
      if (task.answer !== 'ignore' && seenTasks.has(key)) {
        duplicates++;
        problems.add('warning', 'duplicate task (same question and answer as an earlier line): it counts once in training', where);
      }
      seenTasks.add(key);
      try {
        // The loader's own checks, one task at a time (readJsonlExamples handles joint lines).
        if (kind === 'joint' && source.kind === 'auto') addJointExample(merger, task, where);
        else merger.add(task, source.kind, where);
      } catch (err) {
        if (!(err instanceof WorkbenchError)) throw err;
        const mixed = (err.code === 'E101' || err.code === 'E003') && source.kind !== 'auto';
        const message = mixed
          ? `${err.code === 'E101' ? 'a textcat task in the NER file' : 'an NER task in the textcat file'}: this is a mixed set (Prodigy fails on it with KeyError: 'label'); pass the file as --data FILE, which splits it by task kind, or export each dataset with \`prodigy db-out\``
          : err.detail;
        problems.add('error', message, err.location, err.code);
      }
    }
  }
  let examples: Example[] = [];
  try {
    examples = merger.examples();
  } catch (err) {
    if (!(err instanceof WorkbenchError)) throw err;
    problems.add('error', err.detail, err.location, err.code);
  }
  const load = merger.stats();
  mergerProblems(load, problems);
  const report = summarise(examples, opts, problems);
  const wouldFail = problems.list.some((p) => p.level === 'error');
  return { files, load, ...report, duplicates, conflicts: { ...load.conflictKinds }, problems: problems.list, wouldFail };
}

/** The warnings whose counts debugData reads from the merger's stats. */
const FROM_STATS: readonly WarningCode[] = ['W015', 'W016', 'W017'];

/** The merger's counts as problems (its warnings W015-W017), each with its first location and a few cases. */
function mergerProblems(s: ProdigyLoadStats, problems: ProblemList): void {
  const add = (code: WarningCode, count: number, detail: string, where?: ErrorLocation): void => {
    if (count) problems.add('warning', `${Warnings[code]} (${count} ${count === 1 ? 'case' : 'cases'}${detail}`, where, code, count);
  };
  const kinds = s.conflictKinds;
  add('W016', s.conflicts, `: ${kinds.cats} about a category, ${kinds.spans} about entities): ${fewExamples(s.conflictExamples, s.conflicts)}`, s.firstAt.conflict);
  add('W015', s.spansDropped, `): ${fewExamples(s.spansDroppedExamples, s.spansDropped)}`, s.firstAt.spanDropped);
  add('W017', s.sameTextHashes, `): ${fewExamples(s.sameTextHashExamples, s.sameTextHashes)}; they stay separate examples`, s.firstAt.sameTextHash);
}

/**
 * debugData for examples already read (a SNIPS/ATIS folder, a CoNLL file): the counts, tables,
 * co-occurrence and the problems visible on merged examples (loading errors have been thrown).
 */
export function debugExamples(examples: readonly Example[], opts: DebugDataOptions = {}): DebugDataReport {
  const problems = new ProblemList();
  const report = summarise([...examples], opts, problems);
  const load = { ...emptyLoadStats(), tasks: examples.length, accepted: examples.length, examples: examples.length };
  return { files: [], load, ...report, duplicates: 0, conflicts: { cats: 0, spans: 0 }, problems: problems.list, wouldFail: problems.list.some((p) => p.level === 'error') };
}

type Summary = Pick<DebugDataReport, 'texts' | 'entities' | 'cats' | 'exclusive' | 'tokens' | 'cooccurrence'>;

function summarise(examples: Example[], opts: DebugDataOptions, problems: ProblemList): Summary {
  const shortTokens = opts.shortTokens ?? 2;
  const longTokens = opts.longTokens ?? 200;
  // Loaders other than Prodigy's set no flags: their spans are annotation, and cats when present.
  const hasNer = (e: Example) => (e.meta?.hasNer as boolean | undefined) ?? true;
  const hasCats = (e: Example) => (e.meta?.hasCats as boolean | undefined) ?? Object.keys(e.cats).length > 0;
  const ner = examples.filter(hasNer);
  const withCats = examples.filter(hasCats);
  const both = examples.filter((e) => hasNer(e) && hasCats(e));
  const texts = { total: examples.length, both: both.length, nerOnly: ner.length - both.length, catsOnly: withCats.length - both.length };
  const { entities, cats } = labelCounts(examples);
  const exclusive = inferExclusive(withCats);
  const lengths = examples.map((e) => e.tokens.length);
  const tokens = {
    min: lengths.length ? Math.min(...lengths) : 0,
    max: lengths.length ? Math.max(...lengths) : 0,
    mean: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0,
    short: lengths.filter((n) => n <= shortTokens).length,
    long: lengths.filter((n) => n >= longTokens).length,
  };
  if (examples.length === 0 && problems.list.length === 0) problems.add('error', 'no annotated texts (every task was ignored, or the files are empty)', undefined, 'E805');
  if (examples.length && entities.length === 0 && cats.length === 0) problems.add('error', 'no entity spans and no categories: nothing to learn', undefined, 'E805');
  if (texts.nerOnly) problems.add('warning', `${texts.nerOnly} texts have NER annotation only: their categories are unknown (not negative) and do not train the textcat`, undefined, undefined, texts.nerOnly);
  if (texts.catsOnly) problems.add('warning', `${texts.catsOnly} texts have categories only: their entities are unknown and do not train the NER`, undefined, undefined, texts.catsOnly);
  const positives = cats.filter((c) => c.positive > 0);
  if (examples.length && entities.length === 0 && cats.length > 0 && positives.length === 0) {
    problems.add('error', 'no entity spans and no category has a positive answer: nothing to learn', undefined, 'E805');
  } else if (cats.length && positives.length === 0) problems.add('warning', 'no category has a positive answer: the text classifier has nothing to learn', undefined);
  if (!exclusive) {
    for (const c of cats.filter((c) => c.positive > 0 && c.negative === 0)) {
      problems.add('warning', `category ${c.label} has ${c.positive} positive answers and no negative: a multilabel classifier learns to always say yes (reject some texts, or annotate choices)`, undefined);
    }
  }
  for (const c of cats.filter((c) => c.positive === 0 && c.negative > 0)) problems.add('warning', `category ${c.label} has only negative answers (${c.negative}): it can never be predicted`, undefined);
  if (tokens.short) problems.add('warning', `${tokens.short} texts have ${shortTokens} tokens or fewer`, undefined, undefined, tokens.short);
  if (tokens.long) problems.add('warning', `${tokens.long} texts have ${longTokens} tokens or more: consider splitting them into sentences or paragraphs`, undefined, undefined, tokens.long);
  return { texts, entities, cats, exclusive, tokens, cooccurrence: cooccurrence(both) };
}

function cooccurrence(examples: readonly Example[]): DebugDataReport['cooccurrence'] {
  const ents = [...new Set(examples.flatMap((e) => e.spans.map((s) => s.label)))].sort();
  const cats = [...new Set(examples.flatMap((e) => Object.keys(e.cats)))].sort();
  const counts = ents.map(() => cats.map(() => 0));
  for (const e of examples) {
    const on = cats.map((c, j) => (e.cats[c] === 1 ? j : -1)).filter((j) => j >= 0);
    for (const label of new Set(e.spans.map((s) => s.label))) for (const j of on) counts[ents.indexOf(label)][j]++;
  }
  return { entities: ents, cats, counts };
}

/** Problems grouped by level and message kind; each keeps a count and its first location. */
class ProblemList {
  readonly list: DataProblem[] = [];
  private readonly byKey = new Map<string, DataProblem>();

  add(level: DataProblem['level'], message: string, where?: ErrorLocation, code?: DataProblem['code'], count = 1): void {
    // Loader errors group by code (300 misaligned spans are one entry, with the first message).
    const key = `${level}|${code && code !== 'E805' ? code : message}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.count += count;
      return;
    }
    const problem: DataProblem = { level, ...(code ? { code } : {}), message, count, ...(where && Object.keys(where).length ? { where } : {}) };
    this.byKey.set(key, problem);
    this.list.push(problem);
  }
}

