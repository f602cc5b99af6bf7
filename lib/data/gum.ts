import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { Example, Span, Token } from './types';

/** The official GUM partitions (splits.md); test2 is GENTLE, out-of-domain genres. */
export type GumSplit = 'train' | 'dev' | 'test' | 'test2';

/** Options of loadGum. */
export interface GumOptions {
  /** Only the documents of this official split; default all documents. */
  split?: GumSplit;
  /** Keep only named mentions (those with a Wikipedia identity); default true. */
  namedOnly?: boolean;
}

/** An entity mention being read: its GUM entity id, type, start offset and whether it is named. */
interface OpenMention {
  id: string;
  label: string;
  start: number;
  named: boolean;
}

/**
 * Reads GUM CoNLL-U documents (`dir` is the gum folder holding dep/ and splits.md, or dep/ itself)
 * into one Example per paragraph (`# newpar`). Text is the paragraph's sentences joined by a space,
 * words joined as SpaceAfter says (multi-word tokens keep their surface form); tokens are the words.
 * cats = {<genre>: 1} with every other genre of the loaded documents at 0 (genre from
 * `# meta::genre`, else the file name); meta = {doc, paragraph (0-based), genre}.
 * Spans come from the Entity= MISC annotations labelled with the entity type (person, place, ...):
 * with namedOnly (default) only mentions carrying an identity; of nested or crossing mentions the
 * outermost (earliest, then longest) is kept. Mentions crossing a paragraph break are dropped.
 */
export function loadGum(dir: string, opts: GumOptions = {}): Example[] {
  const namedOnly = opts.namedOnly ?? true;
  const depDir = existsSync(join(dir, 'dep')) ? join(dir, 'dep') : dir;
  if (!existsSync(depDir)) throw new WorkbenchError('E013', 'GUM folder not found', { file: dir });
  let files = readdirSync(depDir)
    .filter((f) => f.endsWith('.conllu'))
    .sort();
  if (files.length === 0) throw new WorkbenchError('E013', 'no .conllu files', { file: depDir });
  if (opts.split !== undefined) {
    const members = gumSplits(dir)[opts.split];
    if (!members) throw new WorkbenchError('E007', `unknown GUM split ${JSON.stringify(opts.split)}; use train, dev, test or test2`, { field: 'split' });
    files = files.filter((f) => members.has(basename(f, '.conllu')));
  }
  const docs = files.map((f) => readGumDocument(join(depDir, f), namedOnly));
  const genres = [...new Set(docs.map((d) => d.genre))].sort();
  return docs.flatMap((d) =>
    d.paragraphs.map((p) => {
      const cats: Record<string, number> = {};
      for (const g of genres) cats[g] = 0;
      cats[d.genre] = 1;
      return { ...p, cats, meta: { ...p.meta, genre: d.genre } };
    }),
  );
}

/** Document names of each split, read from splits.md (beside dep/ or one folder up). */
export function gumSplits(dir: string): Record<GumSplit, Set<string>> {
  const candidates = [join(dir, 'splits.md'), join(dir, '..', 'splits.md')];
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new WorkbenchError('E013', 'splits.md not found', { file: candidates[0] });
  const splits: Record<GumSplit, Set<string>> = { train: new Set(), dev: new Set(), test: new Set(), test2: new Set() };
  let current: Set<string> | undefined;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const heading = /^##\s+(\S+)/.exec(line);
    if (heading) current = splits[heading[1] as GumSplit];
    const item = /^\s*\*\s+(\S+)/.exec(line);
    if (item && current) current.add(item[1]);
  }
  return splits;
}

function readGumDocument(path: string, namedOnly: boolean): { genre: string; paragraphs: Omit<Example, 'cats'>[] } {
  const name = basename(path, '.conllu');
  let doc = name;
  let genre = /^(?:GUM|GENTLE)_([^_]+)_/.exec(name)?.[1] ?? 'unknown';
  const paragraphs: Omit<Example, 'cats'>[] = [];
  let text = '';
  let tokens: Token[] = [];
  let mentions: { start: number; end: number; label: string; named: boolean }[] = [];
  let open = new Map<string, OpenMention[]>();
  let spaceBefore = false;
  let mwtEnd = -1; // last word id of the current multi-word token
  let mwtSpaceAfter = true;
  let inSentence = false;

  const closeParagraph = () => {
    if (tokens.length) {
      paragraphs.push({ text, tokens, spans: outermost(mentions, namedOnly), meta: { doc, paragraph: paragraphs.length } });
    }
    text = '';
    tokens = [];
    mentions = [];
    open = new Map();
    spaceBefore = false;
  };

  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (inSentence) spaceBefore = text.length > 0; // sentences of a paragraph are joined by a space
      inSentence = false;
      mwtEnd = -1; // word ids restart in the next sentence
      return;
    }
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('# newpar') && !line.startsWith('# newpar_')) closeParagraph();
      else if (line.startsWith('# newdoc id')) doc = line.slice(line.indexOf('=') + 1).trim();
      else if (line.startsWith('# meta::genre')) genre = line.slice(line.indexOf('=') + 1).trim();
      return;
    }
    inSentence = true;
    const cols = line.split('\t');
    if (cols.length !== 10) throw new WorkbenchError('E013', `expected 10 tab-separated CoNLL-U columns, got ${cols.length}`, { file: path, line: i + 1 });
    const id = cols[0];
    const dash = id.indexOf('-');
    if (dash >= 0) {
      mwtEnd = Number(id.slice(dash + 1));
      mwtSpaceAfter = !cols[9].includes('SpaceAfter=No');
      return;
    }
    if (id.includes('.')) return; // empty nodes have no surface
    const form = cols[1];
    if (spaceBefore) text += ' ';
    const start = text.length;
    text += form;
    tokens.push({ text: form, start, end: text.length });
    const wordId = Number(id);
    if (wordId < mwtEnd) spaceBefore = false;
    else if (wordId === mwtEnd) spaceBefore = mwtSpaceAfter;
    else spaceBefore = !cols[9].includes('SpaceAfter=No');
    const misc = cols[9];
    const at = misc.indexOf('Entity=');
    if (at >= 0) {
      const bar = misc.indexOf('|', at);
      readEntities(misc.slice(at + 7, bar < 0 ? undefined : bar), start, text.length, open, mentions, { file: path, line: i + 1 });
    }
  });
  closeParagraph();
  return { genre, paragraphs };
}

/**
 * Applies one token's Entity= value: `(ID-etype-infstat-salience-centering-minspan-link[-identity]`
 * opens a mention (closed on the same token when followed by `)`), `ID)` closes the latest open
 * mention with that id. Identity values escape parentheses as %28/%29, so parentheses are syntax.
 */
function readEntities(
  value: string,
  start: number,
  end: number,
  open: Map<string, OpenMention[]>,
  mentions: { start: number; end: number; label: string; named: boolean }[],
  where: { file: string; line: number },
): void {
  let k = 0;
  while (k < value.length) {
    if (value[k] === '(') {
      let j = k + 1;
      while (j < value.length && value[j] !== '(' && value[j] !== ')') j++;
      const fields = value.slice(k + 1, j).split('-');
      if (fields.length < 2) throw new WorkbenchError('E013', `malformed mention ${JSON.stringify(value)}`, { ...where, field: 'Entity' });
      const mention = { id: fields[0], label: fields[1], start, named: fields.length >= 8 && fields[7] !== '' };
      if (value[j] === ')') {
        mentions.push({ start, end, label: mention.label, named: mention.named });
        j++;
      } else {
        const stack = open.get(mention.id);
        if (stack) stack.push(mention);
        else open.set(mention.id, [mention]);
      }
      k = j;
    } else {
      const j = value.indexOf(')', k);
      if (j < 0) throw new WorkbenchError('E013', `malformed mention ${JSON.stringify(value)}`, { ...where, field: 'Entity' });
      const mention = open.get(value.slice(k, j))?.pop();
      // A mention opened in an earlier paragraph was reset with it: drop its closing.
      if (mention) mentions.push({ start: mention.start, end, label: mention.label, named: mention.named });
      k = j + 1;
    }
  }
}

/** Non-overlapping spans: the earliest-starting, then longest, of nested or crossing mentions. */
function outermost(mentions: { start: number; end: number; label: string; named: boolean }[], namedOnly: boolean): Span[] {
  const kept = mentions.filter((m) => !namedOnly || m.named).sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  let end = -1;
  for (const m of kept) {
    if (m.start < end) continue;
    spans.push({ start: m.start, end: m.end, label: m.label });
    end = m.end;
  }
  return spans;
}
