import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import { fromBio } from './biluo';
import { applyTokenSource, type TokenSourceOptions } from './retokenize';
import type { Example, Token } from './types';

/** Options of loadSlotIntent. */
export interface SlotIntentOptions extends TokenSourceOptions {
  /** Split folder read when `dir` holds splits rather than seq.in itself; default 'train'. 'dev' and 'valid' stand for each other. */
  split?: string;
}

/**
 * Reads an ATIS/SNIPS-style split (line-aligned `seq.in` tokens, `seq.out` BIO tags, `label`
 * intents) into Examples. Synchronous: the files are small (SNIPS train is 1.4 MB).
 * `dir` is a split folder (holding seq.in) or a dataset folder (then `opts.split`, default train).
 * Text is the tokens joined by single spaces (runs of spaces and trailing spaces in the files are
 * dropped); spans come from the BIO tags (an I- without a B- starts a span, as seqeval does);
 * `#`-joined intents (ATIS) set several cats to 1. Every other intent seen in the split is 0.
 * meta.line is the 1-based line in the files. `opts.tokens: 'workbench'` re-tokenizes the text with
 * the workbench tokenizer and keeps the gold spans in characters (retokenizeExamples).
 */
export function loadSlotIntent(dir: string, opts: SlotIntentOptions = {}): Example[] {
  const splitDir = resolveSplitDir(dir, opts.split ?? 'train');
  const seqIn = readLines(join(splitDir, 'seq.in'));
  const seqOut = readLines(join(splitDir, 'seq.out'));
  const labelPath = join(splitDir, 'label');
  const labels = readLines(labelPath);
  for (const [path, lines] of [
    [join(splitDir, 'seq.out'), seqOut],
    [labelPath, labels],
  ] as const) {
    if (lines.length !== seqIn.length) {
      throw new WorkbenchError('E103', `${lines.length} lines, but seq.in has ${seqIn.length}`, {
        file: path,
        line: Math.min(lines.length, seqIn.length) + 1,
      });
    }
  }
  const intents = new Set<string>();
  const rows = seqIn.map((line, i) => {
    const words = splitWords(line);
    const tags = splitWords(seqOut[i]);
    if (words.length !== tags.length) {
      throw new WorkbenchError('E103', `${words.length} tokens in seq.in but ${tags.length} tags in seq.out`, {
        file: join(splitDir, 'seq.out'),
        line: i + 1,
      });
    }
    const names = labels[i].trim().split('#').filter((s) => s !== '');
    if (names.length === 0) throw new WorkbenchError('E002', 'empty intent label', { file: labelPath, line: i + 1, field: 'label' });
    names.forEach((name) => intents.add(name));
    return { words, tags, names };
  });
  const examples = rows.map(({ words, tags, names }, i): Example => {
    const tokens = joinTokens(words);
    const spans = fromBio(tokens, tags, { file: join(splitDir, 'seq.out'), line: i + 1 });
    const cats: Record<string, number> = {};
    for (const intent of intents) cats[intent] = 0;
    for (const name of names) cats[name] = 1;
    return { text: tokens.map((t) => t.text).join(' '), tokens, spans, cats, meta: { line: i + 1 } };
  });
  return applyTokenSource(examples, opts, join(splitDir, 'seq.in'));
}

/** Tokens with offsets for words joined by single spaces. */
export function joinTokens(words: string[]): Token[] {
  let offset = 0;
  return words.map((text) => {
    const token = { text, start: offset, end: offset + text.length };
    offset = token.end + 1;
    return token;
  });
}

function resolveSplitDir(dir: string, split: string): string {
  if (existsSync(join(dir, 'seq.in'))) return dir;
  const aliases = split === 'dev' ? ['dev', 'valid'] : split === 'valid' ? ['valid', 'dev'] : [split];
  for (const name of aliases) if (existsSync(join(dir, name, 'seq.in'))) return join(dir, name);
  throw new WorkbenchError('E013', `no seq.in in ${dir} nor in its ${aliases.join('/')} folder`, { file: dir, field: 'split' });
}

/** Lines of a text file without the final newline's empty line; CRLF tolerated. */
function readLines(path: string): string[] {
  if (!existsSync(path)) throw new WorkbenchError('E013', 'file not found', { file: path });
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function splitWords(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}
