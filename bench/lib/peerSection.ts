// Section `peer`: nlp.js's intent classifier on the same splits as our textcat.
import { runNlpjs, type NlpjsResult } from '../peers/nlpjs';
import { INTENT_DATASETS, intentOf, loadBenchDataset, selectDatasets, type BenchDatasetName } from './datasets';
import type { Section } from './section';
import { repeat, summarize, type Summary } from './stats';
import { fmtInt, fmtSummary } from './table';

/** nlp.js figures of one dataset. */
export interface PeerRow {
  dataset: BenchDatasetName;
  protocol: string;
  nTrain: number;
  nTest: number;
  accuracy: Summary | null;
  trainSeconds: Summary | null;
  predictionsPerSecond: Summary | null;
  /** nlp.js's intent per test text (first repeat), for paired tests against our predictions. */
  predictions: string[];
  /** Whether every repeat predicted the same intents. */
  samePredictionsEveryRepeat: boolean;
}

/** Repeats: 3, or 1 in quick mode for training sets over 5,000 texts (HWU64 takes ~45 s per training). */
const repeats = (quick: boolean, nTrain: number): number => (quick && nTrain > 5000 ? 1 : 3);

export const peerSection: Section = {
  name: 'peer',
  description: 'nlp.js (@nlpjs/nlp + lang-en-min) intent accuracy, training seconds and predictions/s, same process, same splits',
  async run(ctx) {
    const rows: PeerRow[] = [];
    const missing: string[] = [];
    for (const name of selectDatasets(INTENT_DATASETS, ctx.args.datasets)) {
      const d = loadBenchDataset(name);
      if ('missing' in d) {
        missing.push(d.missing);
        continue;
      }
      // nlp.js trains on exactly the texts our model trains on (it has no use for dev).
      const train = d.train.map((e) => ({ text: e.text, intent: intentOf(e) }));
      const test = d.test.map((e) => ({ text: e.text, intent: intentOf(e) }));
      const n = repeats(ctx.args.quick, train.length);
      ctx.log(`peer: nlp.js on ${name} (${train.length} train, ${test.length} test) × ${n}`);
      const runs: NlpjsResult[] = await repeat(n, () => runNlpjs(train, test));
      rows.push({
        dataset: name,
        protocol: d.protocol,
        nTrain: train.length,
        nTest: test.length,
        accuracy: summarize(runs.map((r) => r.accuracy)),
        trainSeconds: summarize(runs.map((r) => r.trainSeconds)),
        predictionsPerSecond: summarize(runs.map((r) => r.predictionsPerSecond)),
        predictions: runs[0].predictions,
        samePredictionsEveryRepeat: runs.every((r) => r.predictions.every((p, i) => p === runs[0].predictions[i])),
      });
    }
    if (rows.length === 0) return { status: 'skipped', reason: missing.join('; '), tables: [] };
    return {
      status: 'ok',
      data: { system: 'nlp.js', packages: ['@nlpjs/nlp', '@nlpjs/lang-en-min'], rows, missing },
      tables: [
        {
          title: 'Peer: nlp.js intent classifier (same process, same splits)',
          columns: ['dataset', 'train', 'test', 'intent acc %', 'train s', 'predictions/s'],
          rows: rows.map((r) => [r.dataset, r.nTrain, r.nTest, fmtSummary(r.accuracy, 100, 1), fmtSummary(r.trainSeconds, 1, 3), fmtInt(r.predictionsPerSecond?.median)]),
          notes: [
            'nlp.js v4 quick-start setup (containerBootstrap, Nlp, LangEn; no model file); prediction = classify() top intent (its "None" on a tie).',
            'median (min–max) over repeats; accuracy is the same every repeat when nlp.js training is deterministic.',
            ...missing.map((m) => `skipped: ${m}`),
          ],
        },
      ],
    };
  },
};
