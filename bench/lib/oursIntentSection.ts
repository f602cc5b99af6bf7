// Section `ours-intent`: our textcat's intent accuracy on the peer datasets (the `separate` scheme,
// whose textcat has its own encoder, i.e. a textcat-only model trained beside the NER).
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { INTENT_DATASETS, type BenchDatasetName } from './datasets';
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
}

export const oursIntentSection: Section = {
  name: 'ours-intent',
  description: "our textcat's intent accuracy (separate scheme) on the peer datasets",
  async run(ctx) {
    const rows: OursIntentRow[] = [];
    const missing: string[] = [];
    for (const name of INTENT_DATASETS) {
      const d = oursData(ctx, name);
      if ('missing' in d) {
        missing.push(d.missing);
        continue;
      }
      ctx.log(`ours-intent: ${name} (${d.train.length} train)`);
      const runs: ExperimentRun[] = await runOurs(ctx, d, ['separate']);
      rows.push({
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
    const peer = (ctx.previous.peer?.data as { rows?: PeerRow[] } | undefined)?.rows ?? [];
    return {
      status: 'ok',
      data: { scheme: 'separate', rows, missing },
      tables: [
        {
          title: 'Intent accuracy: ours (separate scheme textcat) vs nlp.js',
          columns: ['dataset', 'train', 'ours acc %', 'nlp.js acc %', 'ours train s', 'nlp.js train s', 'ours pred/s', 'nlp.js pred/s'],
          rows: rows.map((r) => {
            const p = peer.find((x) => x.dataset === r.dataset);
            return [
              r.dataset,
              r.nTrain,
              fmtSummary(r.intentAcc, 100, 1),
              fmtSummary(p?.accuracy, 100, 1),
              fmtSummary(r.trainSeconds, 1, 1),
              fmtSummary(p?.trainSeconds, 1, 1),
              fmtInt(r.predictionsPerSecond?.median),
              fmtInt(p?.predictionsPerSecond?.median),
            ];
          }),
          notes: [
            `ours: median (min–max) over seeds ${rows[0].seeds.join(', ')}; predictions/s = test texts / predictExamples seconds (batched).`,
            ctx.args.quick ? 'quick mode: our model is trained on a subset with a small config; nlp.js on the full training set.' : 'both systems train on the same texts.',
            ...missing.map((m) => `skipped: ${m}`),
          ],
        },
      ],
    };
  },
};
