// Measures every registered scheme once, same config for all, on (1) a SNIPS subset (first N train
// texts, valid as dev, full test) and (2) the shipped documents sample (first 16 reports train,
// last 8 test, no dev set, cascades with interestLabels ['INTEREST']). Prints a markdown table per data set
// and one JSON line per run.
// Usage: node --import tsx bench/schemes.ts [--train 2000] [--epochs 5] [--doc-epochs 10]
//        [--schemes a,b] [--config '{"encoder":{"width":64}}'] [--skip-snips] [--skip-docs]
import { performance } from 'node:perf_hooks';
import { datasetPath } from '../lib/data/dataDir';
import { loadSampleDocuments } from '../lib/data/sample';
import { loadSlotIntent } from '../lib/data/slotIntent';
import type { Example } from '../lib/data/types';
import { backend, init } from '../lib/engine';
import { evaluate } from '../lib/eval/evaluate';
import { schemes, trainPipeline, validateConfig, type EpochProgress } from '../lib/models';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name: string) => args.includes(`--${name}`);

interface Row {
  data: string;
  scheme: string;
  ents_f: number | null;
  cats_acc: number | null;
  sentence_acc: number | null;
  doc_ents_f: number | null;
  doc_ents_r: number | null;
  epochs: number;
  best: number | undefined;
  train_s: number;
  train_tok_s: number;
  predict_tok_s: number;
}

async function run(data: string, scheme: string, config: Record<string, unknown>, train: Example[], dev: Example[], test: Example[]): Promise<Row> {
  const epochs: EpochProgress[] = [];
  const t0 = performance.now();
  const p = await trainPipeline({ ...config, scheme }, train, dev, { onProgress: (e) => void (e.type === 'epoch' && epochs.push(e)) });
  const train_s = (performance.now() - t0) / 1000;
  const s = evaluate(p, test);
  p.dispose();
  const tps = epochs.map((e) => e.tokensPerSecond).sort((a, b) => a - b);
  return {
    data,
    scheme,
    ents_f: s.ents_f ?? null,
    cats_acc: s.cats_acc ?? null,
    sentence_acc: s.sentence_acc ?? null,
    doc_ents_f: (s.doc_ents_f as number | null | undefined) ?? null,
    doc_ents_r: (s.doc_ents_r as number | null | undefined) ?? null,
    epochs: epochs.length,
    best: epochs.filter((e) => e.isBest).at(-1)?.epoch,
    train_s: Math.round(train_s),
    train_tok_s: Math.round(tps[Math.floor(tps.length / 2)]),
    predict_tok_s: Math.round(s.tokens_per_second ?? 0),
  };
}

const pct = (x: number | null) => (x === null ? '–' : (100 * x).toFixed(1));

function table(rows: Row[], docs: boolean): string {
  const head = ['scheme', 'ents_f', 'cats_acc', 'sentence_acc', ...(docs ? ['doc_ents_f', 'doc_ents_r'] : []), 'best/epochs', 'train s', 'train tok/s', 'predict tok/s'];
  const lines = rows.map((r) =>
    [r.scheme, pct(r.ents_f), pct(r.cats_acc), pct(r.sentence_acc), ...(docs ? [pct(r.doc_ents_f), pct(r.doc_ents_r)] : []), `${r.best}/${r.epochs}`, r.train_s, r.train_tok_s, r.predict_tok_s].join(' | '),
  );
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l} |`)].join('\n');
}

async function main(): Promise<void> {
  const names = opt('schemes')?.split(',') ?? schemes.list().map((e) => e.name);
  const base = JSON.parse(opt('config') ?? '{}') as Record<string, unknown>;
  console.log(`# backend ${await init()}; schemes ${names.join(', ')}; base config ${JSON.stringify(base)}`);
  if (!flag('skip-snips')) {
    const dir = datasetPath('snips');
    if (!dir) throw new Error('SNIPS not found (set WORKBENCH_DATA)');
    const n = Number(opt('train') ?? 2000);
    const train = loadSlotIntent(dir, { split: 'train' }).slice(0, n);
    const dev = loadSlotIntent(dir, { split: 'valid' });
    const test = loadSlotIntent(dir, { split: 'test' });
    const config = { ...base, epochs: Number(opt('epochs') ?? 5) };
    console.log(`# SNIPS: train ${train.length}, dev ${dev.length}, test ${test.length}; config ${JSON.stringify(validateConfig(config))}`);
    const rows: Row[] = [];
    for (const scheme of names) {
      rows.push(await run('snips', scheme, config, train, dev, test));
      console.log(JSON.stringify(rows.at(-1)));
    }
    console.log(table(rows, false));
  }
  if (!flag('skip-docs')) {
    const paragraphs = await loadSampleDocuments();
    const ids = [...new Set(paragraphs.map((e) => e.meta!.doc!))];
    const trainDocs = new Set(ids.slice(0, 16));
    const train = paragraphs.filter((e) => trainDocs.has(e.meta!.doc!));
    const test = paragraphs.filter((e) => !trainDocs.has(e.meta!.doc!));
    const config = { ...base, epochs: Number(opt('doc-epochs') ?? 10) };
    console.log(`# documents: train ${train.length} paragraphs (16 reports), test ${test.length} (8 reports); no dev set (all epochs run); ${backend()}`);
    const rows: Row[] = [];
    for (const scheme of names) {
      const cascade = scheme.endsWith('cascade');
      rows.push(await run('documents', scheme, { ...config, ...(cascade ? { schemeOptions: { interestLabels: ['INTEREST'] } } : {}) }, train, [], test));
      console.log(JSON.stringify(rows.at(-1)));
    }
    console.log(table(rows, true));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
