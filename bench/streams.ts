// Benchmarks for lib/streams: findWithPhrases throughput (tokens/s) and tee memory under lag.
// Run: node --import tsx bench/streams.ts [--quick]   → prints JSON (median of 3 runs, with min/max).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tokenize } from '../lib/data/tokenize';
import { murmurhash3_32 } from '../lib/data/hashes';
import { PhraseMatcher } from '../lib/streams/phraseMatcher';
import { findWithPhrases } from '../lib/streams/findWithPhrases';
import { tee } from '../lib/streams/tee';
import type { Token } from '../lib/data/types';
import { mulberry32 } from '../lib/util/mulberry32';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const quick = process.argv.includes('--quick');
const N_PARAGRAPHS = quick ? 10_000 : 100_000;
const N_PATTERNS = quick ? 2_000 : 10_000;
const TEE_STREAM = quick ? 50_000 : 200_000;
const TEE_LAGS = quick ? [0, 1_000, 10_000] : [0, 1_000, 10_000, 100_000];
const RUNS = 3;


// Synthetic English-like paragraphs: Zipf-ish word choice, capitalised sentence starts, commas, full stops,
// some numbers, contractions and hyphenated words, ~50 tokens each.
function makeCorpus(n: number, rng: () => number): { vocab: string[]; paragraphs: string[] } {
  const syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'shi', 'ven', 'dor', 'al', 'is', 'em', 'or', 'an', 'te', 'qua'];
  const words = new Set(['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'it', 'was', 'on', 'with', 'as', 'by']);
  while (words.size < 20_000) {
    const k = 2 + Math.floor(rng() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += syll[Math.floor(rng() * syll.length)];
    words.add(w);
  }
  const vocab = [...words];
  const word = () => vocab[Math.floor(vocab.length * rng() ** 3)];
  const paragraphs: string[] = [];
  for (let p = 0; p < n; p++) {
    const parts: string[] = [];
    let tokens = 0;
    while (tokens < 45) {
      const len = 6 + Math.floor(rng() * 12);
      for (let i = 0; i < len; i++) {
        let w = word();
        const r = rng();
        if (i === 0) w = w[0].toUpperCase() + w.slice(1);
        if (r < 0.02) w = `${Math.floor(rng() * 10000) / 100}`;
        else if (r < 0.03) w += "n't";
        else if (r < 0.04) w += `-${word()}`;
        if (i === len - 1) w += '.';
        else if (rng() < 0.06) w += ',';
        parts.push(w);
      }
      tokens += len + 1;
    }
    paragraphs.push(parts.join(' '));
  }
  return { vocab, paragraphs };
}

function summary(xs: number[], digits = 0): { median: number; min: number; max: number } {
  const s = xs.slice().sort((a, b) => a - b);
  const round = (x: number) => +x.toFixed(digits);
  return { median: round(s[Math.floor(s.length / 2)]), min: round(s[0]), max: round(s[s.length - 1]) };
}

async function drain<T>(it: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of it) n++;
  return n;
}

async function benchMatching() {
  const rng = mulberry32(1);
  const { vocab, paragraphs } = makeCorpus(N_PARAGRAPHS, rng);
  const patterns: string[] = [];
  // Mostly two- and three-word phrases of mid-frequency words, some single words: a fraction of paragraphs match.
  for (let i = 0; i < N_PATTERNS; i++) {
    const k = rng() < 0.2 ? 1 : 2 + Math.floor(rng() * 2);
    patterns.push(Array.from({ length: k }, () => vocab[200 + Math.floor(rng() * (vocab.length - 200))]).join(' '));
  }
  // Phase 1 keeps no tokens alive (as when streaming), so GC pressure is that of a real run.
  let totalTokens = 0;
  for (const p of paragraphs) totalTokens += tokenize(p).length;
  const buildMs: number[] = [];
  let matcher!: PhraseMatcher;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    matcher = new PhraseMatcher(patterns, { attr: 'LOWER' });
    buildMs.push(performance.now() - t0);
  }
  // The featuriser hashes token attributes: hashes per second over token texts of the first paragraphs.
  const tokenTexts = paragraphs.slice(0, 10_000).flatMap((p) => tokenize(p).map((t) => t.text));
  const accented = tokenTexts.map((t) => `${t}é`);
  const hashRates = { ascii: [] as number[], nonAscii: [] as number[] };
  for (let r = 0; r < RUNS; r++) {
    let acc = 0;
    let t0 = performance.now();
    for (const t of tokenTexts) acc ^= murmurhash3_32(t);
    hashRates.ascii.push(tokenTexts.length / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    for (const t of accented) acc ^= murmurhash3_32(t);
    hashRates.nonAscii.push(accented.length / ((performance.now() - t0) / 1000));
    if (acc === 0.5) console.log(acc);
  }
  const tasks = paragraphs.map((text, i) => ({ text, i }));
  const rates = { tokenize: [] as number[], match: [] as number[], findWithPhrases: [] as number[], findWithPhrasesPretokenized: [] as number[] };
  // Search the whole stream: no give-up, no cap, so every example is matched.
  const opts = { giveUpAfter: Infinity, atMost: Infinity };
  let sink = 0;
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    for (const p of paragraphs) sink += tokenize(p).length;
    rates.tokenize.push(totalTokens / ((performance.now() - t0) / 1000));
    gc();
    t0 = performance.now();
    sink += await drain(findWithPhrases(tasks, matcher, opts));
    rates.findWithPhrases.push(totalTokens / ((performance.now() - t0) / 1000));
    gc();
  }
  // Phase 2: a pre-tokenized stream (tokens computed once upstream, e.g. by the reader).
  const tokenized = paragraphs.map((t) => tokenize(t));
  const pretok = paragraphs.map((text, i) => ({ text, i, tokens: tokenized[i] as Token[] }));
  let matchedExamples = 0;
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    matchedExamples = 0;
    for (let i = 0; i < tokenized.length; i++) if (matcher.match(tokenized[i], paragraphs[i]).length) matchedExamples++;
    rates.match.push(totalTokens / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    sink += await drain(findWithPhrases(pretok, matcher, opts));
    rates.findWithPhrasesPretokenized.push(totalTokens / ((performance.now() - t0) / 1000));
  }
  if (sink < 0) console.log(sink);
  return {
    paragraphs: N_PARAGRAPHS,
    patterns: N_PATTERNS,
    distinctPatterns: matcher.size,
    tokens: totalTokens,
    tokensPerParagraph: +(totalTokens / N_PARAGRAPHS).toFixed(1),
    matchedExamples,
    buildMs: summary(buildMs, 1),
    murmurhash3PerSecond: { asciiTokens: summary(hashRates.ascii), tokensWithAccent: summary(hashRates.nonAscii) },
    tokensPerSecond: {
      tokenize: summary(rates.tokenize),
      matchPretokenized: summary(rates.match),
      findWithPhrases: summary(rates.findWithPhrases),
      findWithPhrasesPretokenized: summary(rates.findWithPhrasesPretokenized),
    },
  };
}

// One branch runs `lag` items ahead of the other for the whole stream; peak heap above the baseline should
// grow with the lag, not with the stream length.
async function benchTee(lag: number, streamLength: number): Promise<{ peakHeapMB: number; peakRssMB: number }> {
  gc();
  const base = process.memoryUsage();
  function* items() {
    for (let i = 0; i < streamLength; i++) yield { i, payload: new Float64Array(32) }; // ~0.4 KB each
  }
  const [fast, slow] = tee(items());
  const f = fast[Symbol.asyncIterator]();
  const s = slow[Symbol.asyncIterator]();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed + m.arrayBuffers - base.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss - base.rss);
  };
  for (let i = 0; i < lag; i++) await f.next();
  for (let i = 0; i < streamLength; i++) {
    await f.next();
    await s.next();
    if (i % 5000 === 0) {
      gc(); // measure live memory, not garbage awaiting collection
      sample();
    }
  }
  return { peakHeapMB: +(peakHeap / 2 ** 20).toFixed(2), peakRssMB: +(peakRss / 2 ** 20).toFixed(2) };
}

async function main() {
  const matching = await benchMatching();
  const teeResults: Record<string, unknown>[] = [];
  for (const lag of TEE_LAGS) {
    for (const length of [TEE_STREAM, TEE_STREAM * 2]) {
      const heap: number[] = [];
      const rss: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const m = await benchTee(lag, length);
        heap.push(m.peakHeapMB);
        rss.push(m.peakRssMB);
      }
      teeResults.push({ lag, streamLength: length, peakHeapMB: summary(heap, 2), peakRssMB: summary(rss, 2) });
    }
  }
  console.log(JSON.stringify({ quick, node: process.version, findWithPhrases: matching, tee: teeResults }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
