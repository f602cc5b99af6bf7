// Section `ours-intent`: our textcat's intent accuracy on the peer datasets (the `separate` scheme,
// whose textcat has its own encoder, i.e. a textcat-only model trained beside the NER).
import type { Example } from '../../lib/data/types';
import { mcnemarCats, type McNemarResult } from '../../lib/eval/mcnemar';
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { runNlpjs } from '../peers/nlpjs';
import { INTENT_DATASETS, intentOf, selectDatasets, type BenchDatasetName } from './datasets';
import { oursData, runOurs } from './ours';
import type { PeerRow } from './peerSection';
import type { Section } from './section';
import { summarize, type Summary } from './stats';
import { fmtInt, fmtSummary } from './table';

/** Our intent figures of one dataset. */
export interface OursIntentRow {
  dataset: BenchDatasetName;
  nTrain: number;
  nTest: number;
  seeds: number[];
  intentAcc: Summary | null;
  trainSeconds: Summary | null;
  predictionsPerSecond: Summary | null;
  /** Quick mode: nlp.js trained on the same subset, so the two columns compare like with like. */
  nlpjsSameSubset?: { accuracy: number; trainSeconds: number; predictionsPerSecond: number };
  /** Per seed: McNemar's exact test of our intent predictions against nlp.js's on the same test texts (A = ours, B = nlp.js). */
  vsNlpjs?: (McNemarResult & { seed: number })[];
}

/** McNemar's exact test of each run's intents against nlp.js's predicted intents (one per test text). */
export function mcnemarVsPeer(test: readonly Example[], runs: readonly ExperimentRun[], peerIntents: readonly string[]): (McNemarResult & { seed: number })[] {
  const peer = test.map((e, i) => ({ ...e, spans: [], cats: { [peerIntents[i]]: 1 } }));
  return runs.map((r) => {
    if (!r.predictions) throw new Error(`mcnemarVsPeer: run ${r.dataset}/${r.scheme}/seed ${r.seed} has no stored predictions`);
    return { seed: r.seed, ...mcnemarCats(test, r.predictions, peer) };
  });
}

/** "ours-only / peer-only right, p" per seed, e.g. "12/3 p=0.035". */
const fmtMcNemar = (xs: readonly (McNemarResult & { seed: number })[] | undefined): string =>
  xs?.length ? xs.map((x) => `${x.onlyA}/${x.onlyB} p=${x.pValue < 0.001 ? x.pValue.toExponential(0) : x.pValue.toFixed(3)}`).join('; ') : '–';

export const oursIntentSection: Section = {
  name: 'ours-intent',
  description: "our textcat's intent accuracy (separate scheme) on the peer datasets",
  async run(ctx) {
    const rows: OursIntentRow[] = [];
    const missing: string[] = [];
    // The peer section's nlp.js rows (full splits), when it ran before this section.
    const peer = (ctx.previous.peer?.data as { rows?: PeerRow[] } | undefined)?.rows ?? [];
    for (const name of selectDatasets(INTENT_DATASETS, ctx.args.datasets)) {
      const d = oursData(ctx, name);
      if ('missing' in d) {
        missing.push(d.missing);
        continue;
      }
      ctx.log(`ours-intent: ${name} (${d.train.length} train)`);
      const runs: ExperimentRun[] = await runOurs(ctx, d, ['separate']);
      const sameSubset = ctx.args.quick
        ? await runNlpjs(
            d.train.map((e) => ({ text: e.text, intent: intentOf(e) })),
            d.test.map((e) => ({ text: e.text, intent: intentOf(e) })),
          )
        : undefined;
      const peerPredictions = sameSubset?.predictions ?? peer.find((x) => x.dataset === name)?.predictions;
      rows.push({
        ...(peerPredictions?.length === d.test.length ? { vsNlpjs: mcnemarVsPeer(d.test, runs, peerPredictions) } : {}),
        ...(sameSubset ? { nlpjsSameSubset: { accuracy: sameSubset.accuracy, trainSeconds: sameSubset.trainSeconds, predictionsPerSecond: sameSubset.predictionsPerSecond } } : {}),
        dataset: name,
        nTrain: d.train.length,
        nTest: d.test.length,
        seeds: runs.map((r) => r.seed),
        intentAcc: summarize(runs.map((r) => r.scores.cats_acc)),
        trainSeconds: summarize(runs.map((r) => r.timings.trainSeconds)),
        predictionsPerSecond: summarize(runs.map((r) => d.test.length / Math.max(r.timings.predictSeconds, 1e-9))),
      });
    }
    if (rows.length === 0) return { status: 'skipped', reason: missing.join('; '), tables: [] };
    return {
      status: 'ok',
      data: { scheme: 'separate', rows, missing },
      tables: [
        {
          title: 'Intent accuracy: ours (separate scheme textcat) vs nlp.js',
          columns: ['dataset', 'train', 'ours acc %', 'nlp.js acc %', 'only ours / only nlp.js right, McNemar p (per seed)', 'ours train s', 'nlp.js train s', 'ours pred/s', 'nlp.js pred/s'],
          rows: rows.map((r) => {
            // Quick mode compares with nlp.js on the same subset; full mode with the peer section (same full splits).
            const p = r.nlpjsSameSubset;
            const full = peer.find((x) => x.dataset === r.dataset);
            return [
              r.dataset,
              r.nTrain,
              fmtSummary(r.intentAcc, 100, 1),
              p ? (100 * p.accuracy).toFixed(1) : fmtSummary(full?.accuracy, 100, 1),
              fmtMcNemar(r.vsNlpjs),
              fmtSummary(r.trainSeconds, 1, 1),
              p ? p.trainSeconds.toFixed(2) : fmtSummary(full?.trainSeconds, 1, 2),
              fmtInt(r.predictionsPerSecond?.median),
              fmtInt(p ? p.predictionsPerSecond : full?.predictionsPerSecond?.median),
            ];
          }),
          notes: [
            `ours: median (min–max) over seeds ${rows[0].seeds.join(', ')}; predictions/s = test texts / predictExamples seconds (batched).`,
            ctx.args.quick
              ? 'quick mode: both systems train on the same subset (one nlp.js run); ours with a small config and 2 epochs (the default training regime, as on the full data).'
              : 'both systems train on the same texts (nlp.js figures from the peer section).',
            "McNemar: test texts only our textcat gets right / only nlp.js gets right, and the exact two-sided p-value of 'same accuracy' (Dietterich 1998); – when the peer section's predictions are not in this results file.",
            'ours pred/s is the whole joint pipeline (both encoders of the separate scheme, NER decoding included).',
            ...missing.map((m) => `skipped: ${m}`),
          ],
        },
      ],
    };
  },
};
