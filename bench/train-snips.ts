// Trains the default `shared` pipeline on full SNIPS or ATIS (Goo et al. 2018 split) and prints test
// slot F1 (exact span, seqeval semantics via lib/eval), intent accuracy, sentence exact match,
// training tokens/s (from the progress callback) and inference tokens/s.
// Usage: node --import tsx bench/train-snips.ts [--data snips|atis|conll2003|hwu64] [--config '{"epochs":10}']
//        [--limit N] [--scheme shared] [--joined-intents] [--quiet] [--save DIR] [--eval dev]
// --eval dev scores the dev set instead of the test set (for choosing defaults without seeing test);
// --eval dev+test scores both.
// --joined-intents (ATIS): a '#'-joined intent is its own exclusive class, as in the published
// protocol (21 train intents), instead of several positive categories (multilabel).
// --tokens workbench: train, dev and test get the workbench tokenizer's tokens over the corpus text,
// gold spans kept in characters (what the loaders' `{ tokens: 'workbench' }` does); pass
// "tokenizer":"workbench" in --config so predict(text) tokenizes alike. Scores are against the
// corpus's own spans either way.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { datasetPath } from '../lib/data/dataDir';
import { join } from 'node:path';
import { loadConll } from '../lib/data/conll';
import { loadBenchDataset } from './lib/datasets';
import { retokenizeExamples, type RetokenizeStats } from '../lib/data/retokenize';
import { loadSlotIntent } from '../lib/data/slotIntent';
import type { Example } from '../lib/data/types';
import { backend, init } from '../lib/engine';
import { scoreExamples } from '../lib/eval/evaluate';
import { configHash, trainPipeline, validateConfig, type TrainProgress } from '../lib/models';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};
const flag = (name: string) => args.includes(`--${name}`);

async function main(): Promise<void> {
  const name = opt('data') ?? 'snips';
  const limit = opt('limit') ? Number(opt('limit')) : undefined;
  const corpus = loadSplits(name);
  const tokens = opt('tokens') ?? 'corpus';
  if (tokens !== 'corpus' && tokens !== 'workbench') throw new Error(`--tokens must be corpus or workbench, got ${tokens}`);
  // Re-tokenized copies (same texts and character spans, workbench tokens), and what re-tokenizing did per split.
  const retokenized = tokens === 'workbench' ? (['train', 'dev', 'test'] as const).map((k) => retokenizeExamples(corpus[k], { file: `${name}/${k}` })) : undefined;
  const [all, dev, test] = retokenized ? retokenized.map((r) => r.examples) : [corpus.train, corpus.dev, corpus.test];
  const train = all.slice(0, limit);
  const overrides = JSON.parse(opt('config') ?? '{}') as Record<string, unknown>;
  const config = { ...overrides, scheme: opt('scheme') ?? overrides.scheme ?? 'shared' };
  const full = validateConfig(config);
  const quiet = flag('quiet');
  console.log(`# ${name}: train ${train.length}, dev ${dev.length}, test ${test.length}; backend ${await init()}; config ${configHash(config)}`);
  console.log(`# config ${JSON.stringify(full)}`);
  const epochs: TrainProgress[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const pipeline = await trainPipeline(config, train, dev, {
    onProgress: (p) => {
      if (p.type !== 'epoch') return;
      epochs.push(p);
      if (!quiet) {
        const d = p.dev;
        console.log(
          `epoch ${p.epoch} step ${p.step} loss ner ${fmt(p.losses.ner)} cat ${fmt(p.losses.cat)} | dev ents_f ${pct(d.ents_f)} cats_acc ${pct(d.cats_acc)} sent ${pct(d.sentence_acc)}` +
            ` | ${Math.round(p.tokensPerSecond)} tok/s, ${p.seconds.toFixed(1)} s${p.isBest ? ' *' : ''}${p.stopped ? ` (stop: ${p.stopped})` : ''}`,
        );
      }
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const trainCpu = cpuSeconds(cpu0);
  const evalSet = opt('eval') === 'dev' ? dev : test;
  // Gold: the corpus's own spans (character offsets), whichever tokens the model saw.
  const gold = opt('eval') === 'dev' ? corpus.dev : corpus.test;
  const scores = timed(() => scoreExamples(gold, pipeline.predictExamples(evalSet)));
  // The same texts as raw strings: predict(text) tokenizes them itself (config.tokenizer).
  const fromText = pipeline.predict(evalSet.map((e) => e.text)).map((p, i) => ({ ...evalSet[i], spans: p.ents.map(({ start, end, label }) => ({ start, end, label })), cats: p.cats }));
  const textScores = scoreExamples(gold, fromText);
  // Inference speed on a larger text set (train, up to 5000 texts), predictExamples end to end.
  const speedSet = train.slice(0, 5000);
  const cpu1 = process.cpuUsage();
  const inf = timed(() => pipeline.predictExamples(speedSet));
  const infCpu = cpuSeconds(cpu1);
  const speedTokens = speedSet.reduce((a, e) => a + e.tokens.length, 0);
  const epochRecords = epochs.filter((e): e is Extract<TrainProgress, { type: 'epoch' }> => e.type === 'epoch');
  const trainTps = median(epochRecords.map((e) => e.tokensPerSecond));
  const summary = {
    data: name,
    backend: backend(),
    scheme: full.scheme,
    configHash: configHash(config),
    overrides,
    train: train.length,
    epochsRun: epochRecords.length,
    bestEpoch: epochRecords.filter((e) => e.isBest).at(-1)?.epoch,
    // The penalty heads.tagger.catConsistent 'auto' chose on dev (0: independent; undefined: not applicable or not 'auto').
    catPenalty: pipeline.labelSet.catPenalty,
    eval: opt('eval') === 'dev' ? 'dev' : 'test',
    // --eval dev+test: the dev scores too (the test figures stay the test set's).
    ...(opt('eval') === 'dev+test' ? devScores(pipeline, corpus.dev, dev) : {}),
    [`${opt('eval') === 'dev' ? 'dev' : 'test'}_slot_f1`]: round(scores.value.ents_f),
    [`${opt('eval') === 'dev' ? 'dev' : 'test'}_intent_acc`]: round(scores.value.cats_acc),
    [`${opt('eval') === 'dev' ? 'dev' : 'test'}_sentence_acc`]: round(scores.value.sentence_acc),
    // Rasa's entity metric (token labels, support-weighted over gold labels): comparable with published Rasa/DIET figures.
    [`${opt('eval') === 'dev' ? 'dev' : 'test'}_token_f1_weighted`]: round(scores.value.ents_token_f),
    tokenizer: pipeline.config.tokenizer,
    tokens,
    ...(retokenized ? { retokenized: Object.fromEntries(retokenized.map((r, i) => [['train', 'dev', 'test'][i], statsSummary(r.stats)])) } : {}),
    from_text: [round(textScores.ents_f), round(textScores.cats_acc), round(textScores.sentence_acc)],
    train_seconds: Math.round(trainSeconds),
    train_tokens_per_s_median: Math.round(trainTps),
    inference_tokens_per_s: Math.round(speedTokens / inf.seconds),
    // Per CPU-second of this process (the wasm backend runs on one thread): robust to other jobs
    // sharing the cores, which stretch wall-clock time but not CPU time.
    train_tokens_per_cpu_s: Math.round((epochRecords.length * train.reduce((a, e) => a + e.tokens.length, 0)) / trainCpu),
    inference_tokens_per_cpu_s: Math.round(speedTokens / infCpu),
    load_average: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  console.log(JSON.stringify(summary));
  const saveDir = opt('save');
  if (saveDir) await pipeline.save(saveDir);
  pipeline.dispose();
}

/** Train, dev and test of a dataset: SNIPS/ATIS folders, CoNLL-2003 files, HWU64 as the bench splits it (fold 1, 10% dev). */
function loadSplits(name: string): { train: Example[]; dev: Example[]; test: Example[] } {
  if (name === 'hwu64') {
    const d = loadBenchDataset('hwu64');
    if ('missing' in d) throw new Error(d.missing);
    return d;
  }
  const dir = datasetPath(name);
  if (!dir) throw new Error(`dataset ${name} not found (set WORKBENCH_DATA)`);
  const prep = (egs: Example[]) => (flag('joined-intents') ? egs.map(joinIntents) : egs);
  // CoNLL-2003 (NER only) from its train/valid/test files; the others are seq.in/seq.out/label folders.
  const load = (split: 'train' | 'valid' | 'test'): Example[] => (name === 'conll2003' ? loadConll(join(dir, `${split}.txt`)) : loadSlotIntent(dir, { split }));
  return { train: prep(load('train')), dev: prep(load('valid')), test: prep(load('test')) };
}

/** Dev slot F1, intent and sentence accuracy of a trained pipeline (predicting `input`, scored against `gold`), as dev_* keys. */
function devScores(pipeline: Awaited<ReturnType<typeof trainPipeline>>, gold: Example[], input: Example[]): Record<string, number | null> {
  const s = scoreExamples(gold, pipeline.predictExamples(input));
  return { dev_slot_f1: round(s.ents_f), dev_intent_acc: round(s.cats_acc), dev_sentence_acc: round(s.sentence_acc) };
}

/** ATIS multi-intent lines as one joined class ('atis_airfare#atis_flight'), the published protocol. */
function joinIntents(eg: Example): Example {
  const pos = Object.keys(eg.cats).filter((k) => eg.cats[k] === 1).sort();
  return { ...eg, cats: { [pos.join('#')]: 1 } };
}

/** [examples with changed tokens, spans kept, spans widened, spans dropped] of one split. */
function statsSummary(s: RetokenizeStats): number[] {
  return [s.changedTokens, s.alignedSpans, s.snappedSpans, s.droppedSpans];
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

function timed<T>(f: () => T): { value: T; seconds: number } {
  const t = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t) / 1000 };
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
const pct = (x: number | undefined) => (x === undefined ? '-' : (100 * x).toFixed(2));
const round = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10000) / 100);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
