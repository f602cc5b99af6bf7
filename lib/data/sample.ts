import { existsSync } from 'node:fs';
import { toBiluo } from './biluo';
import { samplePath } from './dataDir';
import { readJsonl, readJsonlEntries } from './jsonl';
import { mergeDatasets } from './merge';
import type { ProdigyTask } from './prodigy';
import { tokenize } from './tokenize';
import type { Example, Span } from './types';
import { WorkbenchError } from '../errors';

/** Paths of the shipped sample (data/README.md describes it). */
export interface SampleFiles {
  /** Prodigy NER tasks over the chatbot texts (manual accepts, a few binary rejects and ignores). */
  ner: string;
  /** Prodigy textcat tasks over the same texts (choice and binary styles, with rejects and ignores). */
  textcat: string;
  /** NER and textcat tasks of the first 40 texts in one file (the mixed-set error demo). */
  mixed: string;
  /** News-like reports, one paragraph per line, INTEREST / OTHER paragraphs with entity spans. */
  documents: string;
}

/** Paths of the shipped sample files, inside the package's data/ folder. */
export function sampleFiles(): SampleFiles {
  return {
    ner: samplePath('sample', 'ner.jsonl'),
    textcat: samplePath('sample', 'textcat.jsonl'),
    mixed: samplePath('sample', 'mixed.jsonl'),
    documents: samplePath('documents', 'reports.jsonl'),
  };
}

/** The raw Prodigy tasks of the chatbot sample: NER, textcat and the mixed file. */
export async function loadSample(): Promise<{ ner: ProdigyTask[]; textcat: ProdigyTask[]; mixed: ProdigyTask[] }> {
  const files = sampleFiles();
  const [ner, textcat, mixed] = await Promise.all([files.ner, files.textcat, files.mixed].map((p) => collect(readJsonl<ProdigyTask>(checked(p)))));
  return { ner, textcat, mixed };
}

/** The chatbot sample as joint Examples (spans and intent cats), via mergeDatasets(ner, textcat). */
export async function loadSampleJoint(): Promise<Example[]> {
  const { ner, textcat } = await loadSample();
  return mergeDatasets(ner, textcat);
}

/**
 * The sample documents as Examples, one per paragraph, with meta.doc / meta.paragraph, cats
 * {INTEREST, OTHER} and tokens from `tokenize` (spans are checked to sit on token boundaries).
 */
export async function loadSampleDocuments(): Promise<Example[]> {
  const path = checked(sampleFiles().documents);
  const out: Example[] = [];
  for await (const { value, line } of readJsonlEntries<{ text: string; spans: Span[]; cats: Record<string, number>; meta: Example['meta'] }>(path)) {
    if (typeof value.text !== 'string') throw new WorkbenchError('E002', 'expected a string', { file: path, line, field: 'text' });
    const example: Example = { text: value.text, tokens: tokenize(value.text), spans: value.spans ?? [], cats: value.cats ?? {}, meta: value.meta };
    toBiluo(example, { index: out.length }); // throws E005/E006 when a span does not fit the tokens
    out.push(example);
  }
  return out;
}

function checked(path: string): string {
  if (!existsSync(path)) throw new WorkbenchError('E013', 'shipped sample file missing (regenerate with scripts/make-sample.ts)', { file: path });
  return path;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
