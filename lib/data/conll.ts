import { existsSync, readFileSync } from 'node:fs';
import { WorkbenchError } from '../errors';
import { fromBiluo, fromBio, tagScheme } from './biluo';
import { applyTokenSource, type TokenSourceOptions } from './retokenize';
import { joinTokens } from './slotIntent';
import type { Example } from './types';

/**
 * Reads a CoNLL-2003-style file: one token per line, whitespace-separated columns with the word
 * first and the NER tag last, sentences separated by blank lines. Tags may be IOB2, IOB1 (an
 * I-X after O starts an entity) or BILUO/BIOES (detected from L-/U-/E-/S- tags).
 * Each `-DOCSTART-` line opens a document: following sentences get meta.doc = 'doc-0', 'doc-1', ...
 * and meta.sentence = their index in it (no doc before the first -DOCSTART-). Text is the words
 * joined by single spaces; cats is {} (CoNLL has no class labels); meta.line is the first token's line.
 * `opts.tokens: 'workbench'` re-tokenizes the text with the workbench tokenizer and keeps the gold
 * spans in characters (retokenizeExamples).
 */
export function loadConll(path: string, opts: TokenSourceOptions = {}): Example[] {
  if (!existsSync(path)) throw new WorkbenchError('E013', 'file not found', { file: path });
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const sentences: { words: string[]; tags: string[]; line: number; doc?: string; sentence: number }[] = [];
  let docIndex = -1;
  let sentenceInDoc = 0;
  let words: string[] = [];
  let tags: string[] = [];
  let firstLine = 0;
  const flush = () => {
    if (words.length) {
      sentences.push({ words, tags, line: firstLine, doc: docIndex >= 0 ? `doc-${docIndex}` : undefined, sentence: sentenceInDoc++ });
    }
    words = [];
    tags = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return flush();
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      docIndex++;
      sentenceInDoc = 0;
      return;
    }
    if (cols.length < 2) {
      throw new WorkbenchError('E013', `expected "word ... tag" columns, got ${JSON.stringify(raw)}`, { file: path, line: i + 1, field: 'tag' });
    }
    const tag = cols[cols.length - 1];
    if (!/^(?:O|[BILUES]-.+)$/.test(tag)) {
      throw new WorkbenchError('E102', `unknown NER tag ${JSON.stringify(tag)} in the last column; expected O or B-/I-/L-/U-<label>`, {
        file: path,
        line: i + 1,
        field: 'tag',
      });
    }
    if (words.length === 0) firstLine = i + 1;
    words.push(cols[0]);
    tags.push(tag);
  });
  flush();
  const biluo = tagScheme(sentences.map((s) => s.tags)) === 'BILUO';
  const examples = sentences.map((s): Example => {
    const tokens = joinTokens(s.words);
    const where = { file: path, line: s.line };
    const spans = biluo ? fromBiluo(tokens, s.tags, where) : fromBio(tokens, s.tags, where);
    const meta: Example['meta'] = { line: s.line, sentence: s.sentence };
    if (s.doc !== undefined) meta.doc = s.doc;
    return { text: s.words.join(' '), tokens, spans, cats: {}, meta };
  });
  return applyTokenSource(examples, opts, path);
}
