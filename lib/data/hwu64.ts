import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WorkbenchError } from '../errors';
import { tokenize } from './tokenize';
import type { Example, Span } from './types';

/** Options of loadHwu64. */
export interface Hwu64Options {
  /** Which fold-1 split to read when `dir` is the dataset or fold folder; default 'train'. */
  split?: 'train' | 'test';
}

// `[type : value]`: the type stops at the first colon, the value may hold colons ("10:30").
const ENTITY_RE = /\[\s*([^[\]:]+?)\s*:\s*([^[\]]*?)\s*\]/g;
const REQUIRED = ['scenario', 'intent', 'answer_annotation'] as const;

/**
 * Reads HWU64 (Liu et al. 2019, NLU-Evaluation-Data) cross-validation CSVs into Examples: one
 * semicolon-separated file per intent (`answerid;scenario;intent;answer_annotation;...`), entities
 * inline as `[date : tomorrow]`. `dir` is a split folder of CSVs, a fold folder (trainset/testset)
 * or the dataset folder (then KFold_1). Text is the annotation without brackets (checked against
 * `answer_from_anno` when present), tokens come from `tokenize`, the intent is `scenario_intent`
 * and categories are exclusive over every intent of the split. Files are read in name order;
 * meta holds answerid, scenario, file and line.
 */
export function loadHwu64(dir: string, opts: Hwu64Options = {}): Example[] {
  const splitDir = resolveSplitDir(dir, opts.split ?? 'train');
  const files = readdirSync(splitDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  if (files.length === 0) throw new WorkbenchError('E013', 'no .csv files', { file: splitDir });
  const rows = files.flatMap((f) => readHwuFile(join(splitDir, f)));
  const intents = [...new Set(rows.map((r) => r.intent))].sort();
  return rows.map((r) => {
    const cats: Record<string, number> = {};
    for (const intent of intents) cats[intent] = 0;
    cats[r.intent] = 1;
    return { text: r.text, tokens: tokenize(r.text), spans: r.spans, cats, meta: r.meta };
  });
}

interface HwuRow {
  text: string;
  spans: Span[];
  intent: string;
  meta: { answerid?: string; scenario: string; file: string; line: number };
}

/** The rows of one HWU64 CSV file. */
function readHwuFile(path: string): HwuRow[] {
  const records = parseCsv(readFileSync(path, 'utf8'), ';', path);
  if (records.length === 0) throw new WorkbenchError('E013', 'empty file (no header)', { file: path });
  const header = records[0].fields.map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  for (const name of REQUIRED) {
    if (col(name) < 0) throw new WorkbenchError('E002', `header lacks column "${name}" (has ${header.join(';')})`, { file: path, line: 1, field: name });
  }
  const file = basename(path);
  return records.slice(1).map(({ fields, line }) => {
    if (fields.length !== header.length) {
      throw new WorkbenchError('E002', `${fields.length} fields, but the header has ${header.length}`, { file: path, line });
    }
    const get = (name: string): string | undefined => (col(name) >= 0 ? fields[col(name)] : undefined);
    const { text, spans } = parseInlineEntities(get('answer_annotation')!, { file: path, line, field: 'answer_annotation' });
    const plain = get('answer_from_anno');
    if (plain !== undefined && plain !== text) {
      throw new WorkbenchError('E105', `annotation without brackets is ${JSON.stringify(text)}, but answer_from_anno is ${JSON.stringify(plain)}`, {
        file: path,
        line,
        field: 'answer_annotation',
      });
    }
    const scenario = get('scenario')!.trim();
    const intent = `${scenario}_${get('intent')!.trim()}`;
    const answerid = get('answerid');
    return { text, spans, intent, meta: { ...(answerid !== undefined ? { answerid } : {}), scenario, file, line } };
  });
}

/**
 * Text and character spans of an inline-annotated string: `set an alarm for [time : nine am]` →
 * text `set an alarm for nine am`, span {start: 17, end: 24, label: 'time'}. A bracket outside a
 * well-formed `[type : value]`, or an empty value, is an E105 error naming the location.
 */
export function parseInlineEntities(annotation: string, where: { file?: string; line?: number; field?: string } = {}): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let from = 0;
  ENTITY_RE.lastIndex = 0;
  for (let m = ENTITY_RE.exec(annotation); m !== null; m = ENTITY_RE.exec(annotation)) {
    text += checkedPlain(annotation.slice(from, m.index), annotation, where);
    const [, label, value] = m;
    if (value === '') throw new WorkbenchError('E105', `empty value in ${JSON.stringify(m[0])} of ${JSON.stringify(annotation)}`, where);
    spans.push({ start: text.length, end: text.length + value.length, label });
    text += value;
    from = m.index + m[0].length;
  }
  text += checkedPlain(annotation.slice(from), annotation, where);
  return { text, spans };
}

function checkedPlain(piece: string, annotation: string, where: { file?: string; line?: number; field?: string }): string {
  if (/[[\]]/.test(piece)) throw new WorkbenchError('E105', `stray bracket in ${JSON.stringify(annotation)} (expected [type : value])`, where);
  return piece;
}

/**
 * Records of a delimited file with double-quoted fields (`""` inside quotes is a quote; quoted
 * fields may span lines). `line` is the 1-based line where a record starts. A BOM is dropped.
 */
export function parseCsv(source: string, delimiter: string, file?: string): { fields: string[]; line: number }[] {
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let inQuotes = false;
  let quoted = false;
  const endRecord = (): void => {
    fields.push(field);
    // A blank line (one empty unquoted field) is not a record.
    if (!(fields.length === 1 && field === '' && !quoted)) out.push({ fields, line: start });
    fields = [];
    field = '';
    quoted = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      inQuotes = true;
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      quoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (inQuotes) throw new WorkbenchError('E013', 'unterminated quoted field', { file, line: start });
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return out;
}

function resolveSplitDir(dir: string, split: 'train' | 'test'): string {
  if (split !== 'train' && split !== 'test') throw new WorkbenchError('E007', `split must be 'train' or 'test', got ${JSON.stringify(split)}`, { field: 'split' });
  if (!existsSync(dir)) throw new WorkbenchError('E013', 'folder not found', { file: dir });
  const hasCsv = (d: string): boolean => existsSync(d) && statSync(d).isDirectory() && readdirSync(d).some((f) => f.endsWith('.csv'));
  if (hasCsv(dir)) return dir;
  const name = split === 'train' ? 'trainset' : 'testset';
  for (const candidate of [join(dir, name), join(dir, 'KFold_1', name), join(dir, name, 'csv'), join(dir, 'KFold_1', name, 'csv')]) {
    if (hasCsv(candidate)) return candidate;
  }
  throw new WorkbenchError('E013', `no CSV files in ${dir}, ${name}/ or KFold_1/${name}/`, { file: dir, field: 'split' });
}
