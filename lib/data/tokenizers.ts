import { tokenize } from './tokenize';
import type { Token } from './types';

/** Tokenizers a pipeline can apply to raw text: the workbench's rules, or splitting on whitespace only (pre-tokenized corpora). */
export const TOKENIZERS = {
  workbench: tokenize,
  whitespace: whitespaceTokenize,
} as const;

/** A tokenizer name. */
export type TokenizerName = keyof typeof TOKENIZERS;

/** Tokens separated by whitespace (runs of spaces, tabs, line breaks), with UTF-16 offsets. */
export function whitespaceTokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/**
 * The tokenizer that reproduces the tokens of more of `examples` (ties: the workbench's): a corpus
 * read from pre-tokenized files (SNIPS, ATIS, CoNLL: tokens joined by spaces) gets 'whitespace',
 * texts tokenized by the workbench get 'workbench'. Also returns how many examples each reproduces.
 */
export function detectTokenizer(examples: readonly { text: string; tokens: readonly Token[] }[]): { name: TokenizerName; matches: Record<TokenizerName, number> } {
  const matches: Record<TokenizerName, number> = { workbench: 0, whitespace: 0 };
  for (const eg of examples) {
    for (const name of Object.keys(TOKENIZERS) as TokenizerName[]) if (sameTokens(TOKENIZERS[name](eg.text), eg.tokens)) matches[name]++;
  }
  return { name: matches.whitespace > matches.workbench ? 'whitespace' : 'workbench', matches };
}

function sameTokens(a: readonly Token[], b: readonly Token[]): boolean {
  return a.length === b.length && a.every((t, i) => t.start === b[i].start && t.end === b[i].end);
}
