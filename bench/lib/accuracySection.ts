// Section `accuracy`: test scores of the best scheme and `separate` next to published rows.
import type { ExperimentRun } from '../../lib/experiments/runStore';
import { selectDatasets, type BenchDatasetName } from './datasets';
import { bestScheme, oursData, runOurs } from './ours';
import { isVerified, PUBLISHED_CONLL, PUBLISHED_SLU } from './published';
import type { Section } from './section';
import { summarize, type Summary } from './stats';
import { fmtSummary, type MdTable } from './table';

/** Scores of one scheme on one dataset, over seeds. */
export interface AccuracyRow {
  dataset: BenchDatasetName;
  scheme: string;
  seeds: number[];
  nTrain: number;
  entsF: Summary | null;
  intentAcc: Summary | null;
  sentenceAcc: Summary | null;
}

const rowOf = (dataset: BenchDatasetName, scheme: string, nTrain: number, runs: ExperimentRun[]): AccuracyRow => {
  const mine = runs.filter((r) => r.scheme === scheme);
  return {
    dataset,
    scheme,
    nTrain,
    seeds: mine.map((r) => r.seed),
    entsF: summarize(mine.map((r) => r.scores.ents_f)),
    intentAcc: summarize(mine.map((r) => r.scores.cats_acc)),
    sentenceAcc: summarize(mine.map((r) => r.scores.sentence_acc)),
  };
};

export const accuracySection: Section = {
  name: 'accuracy',
  description: 'SNIPS/ATIS slot F1, intent acc, sentence acc vs published; CoNLL-2003 NER F1 vs spaCy; HWU64 and NLU Evaluation Corpora',
  async run(ctx) {
    const best = bestScheme(ctx);
    const schemesToRun = [...new Set([best.scheme, 'separate'])];
    const rows: AccuracyRow[] = [];
    const missing: string[] = [];
    const plan: [BenchDatasetName, string[]][] = [
      ['snips', schemesToRun],
      ['atis', schemesToRun],
      ['conll2003', [best.scheme]],
      ['hwu64', schemesToRun],
      ['askubuntu', schemesToRun],
      ['webapps', schemesToRun],
      ['chatbot', schemesToRun],
    ];
    for (const [name, schemeNames] of plan.filter(([name]) => selectDatasets([name], ctx.args.datasets).length > 0)) {
      const d = oursData(ctx, name);
      if ('missing' in d) {
        missing.push(d.missing);
        continue;
      }
      ctx.log(`accuracy: ${name} (${d.train.length} train) with ${schemeNames.join(', ')}`);
      const runs = await runOurs(ctx, d, schemeNames);
      for (const s of schemeNames) rows.push(rowOf(name, s, d.train.length, runs));
    }
    if (rows.length === 0) return { status: 'skipped', reason: missing.join('; '), tables: [] };
    const pct = (s: Summary | null): string | null => fmtSummary(s, 100, 1);
    const tables: MdTable[] = [];
    for (const ds of ['snips', 'atis'] as const) {
      const ours = rows.filter((r) => r.dataset === ds);
      if (!ours.length) continue;
      const mark = (row: (typeof PUBLISHED_SLU)[number], fig: 'slotF1' | 'intentAcc' | 'sentenceAcc'): string =>
        `${row[ds][fig].toFixed(1)}${isVerified(row, `${ds}.${fig}`) ? '' : '*'}`;
      tables.push({
        title: `${ds.toUpperCase()} test (Goo et al. 2018 split)`,
        columns: ['system', 'slot F1', 'intent acc', 'sentence acc'],
        rows: [
          ...ours.map((r) => [`ours: ${r.scheme}`, pct(r.entsF), pct(r.intentAcc), pct(r.sentenceAcc)]),
          ...PUBLISHED_SLU.map((p) => [p.system, mark(p, 'slotF1'), mark(p, 'intentAcc'), mark(p, 'sentenceAcc')]),
        ],
        notes: [
          `ours: median (min–max) over seeds ${ours[0].seeds.join(', ')}, ${ours[0].nTrain} training texts; best scheme: ${best.scheme} (${best.reason}).`,
          ...PUBLISHED_SLU.map((p) => `${p.system}: ${p.citation}.`),
          '* = taken from a secondary literature summary and not re-checked against the paper; the others were checked (see results.json).',
        ],
      });
    }
    const conll = rows.filter((r) => r.dataset === 'conll2003');
    if (conll.length) {
      tables.push({
        title: 'CoNLL-2003 English NER test F1',
        columns: ['system', 'entity F1'],
        rows: [...conll.map((r) => [`ours: ${r.scheme}`, pct(r.entsF)]), ...PUBLISHED_CONLL.map((p) => [p.system, p.f1.toFixed(1)])],
        notes: [`ours: ${conll[0].nTrain} training sentences, seeds ${conll[0].seeds.join(', ')}.`, ...PUBLISHED_CONLL.map((p) => `${p.system}: ${p.source}; ${p.note}.`)],
      });
    }
    const other = rows.filter((r) => ['hwu64', 'askubuntu', 'webapps', 'chatbot'].includes(r.dataset));
    if (other.length) {
      tables.push({
        title: 'HWU64 and NLU Evaluation Corpora test',
        columns: ['dataset', 'scheme', 'train', 'intent acc', 'entity F1', 'sentence acc'],
        rows: other.map((r) => [r.dataset, r.scheme, r.nTrain, pct(r.intentAcc), pct(r.entsF), pct(r.sentenceAcc)]),
        notes: ['median (min–max) over seeds; entity F1 is exact-span.', ...missing.map((m) => `skipped: ${m}`)],
      });
    }
    return { status: 'ok', data: { best, rows, published: { slu: PUBLISHED_SLU, conll: PUBLISHED_CONLL }, missing }, tables };
  },
};
