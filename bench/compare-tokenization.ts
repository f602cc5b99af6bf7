// Scores saved path-A (corpus tokens) and path-B (workbench tokens) pipelines on the texts of a split
// whose workbench tokens differ from the corpus tokens, and on the rest.
// Also: predict(text + '.') (a full stop typed after the last word; gold spans unchanged), a raw-text probe.
// Usage: node --import tsx bench/compare-tokenization.ts snips|atis test|valid DIR_A DIR_B [--joined-intents]
import { datasetPath } from '../lib/data/dataDir';
import { loadSlotIntent } from '../lib/data/slotIntent';
import { retokenizeExamples } from '../lib/data/retokenize';
import type { Example } from '../lib/data/types';
import { init } from '../lib/engine';
import { scoreExamples } from '../lib/eval/evaluate';
import { loadPipeline } from '../lib/models';

async function main() {
  const [name, split, dirA, dirB] = process.argv.slice(2);
  await init();
  const joined = process.argv.includes('--joined-intents');
  const join = (eg: Example): Example => ({ ...eg, cats: { [Object.keys(eg.cats).filter((k) => eg.cats[k] === 1).sort().join('#')]: 1 } });
  const gold = loadSlotIntent(datasetPath(name)!, { split }).map((e) => (joined ? join(e) : e));
  const wb = retokenizeExamples(gold).examples;
  const changed = gold.map((e, i) => e.tokens.length !== wb[i].tokens.length);
  const fromText = (p: Awaited<ReturnType<typeof loadPipeline>>, suffix = '') =>
    p.predict(gold.map((e) => e.text + suffix)).map((r, i) => ({ ...gold[i], text: gold[i].text, spans: r.ents.map(({ start, end, label }) => ({ start, end, label })), cats: r.cats }));
  const A = await loadPipeline(dirA);
  const B = await loadPipeline(dirB);
  const preds: Record<string, Example[]> = {
    'A predictExamples (corpus tokens)': A.predictExamples(gold),
    'A predict(text)': fromText(A),
    'B predictExamples (workbench tokens)': B.predictExamples(wb),
    'B predict(text)': fromText(B),
    "A predict(text + '.')": fromText(A, '.'),
    "B predict(text + '.')": fromText(B, '.'),
  };
  console.log(`${name}: tokenizers ${A.config.tokenizer} / ${B.config.tokenizer}; ${changed.filter(Boolean).length} of ${gold.length} ${split} texts tokenized differently`);
  for (const [label, pred] of Object.entries(preds)) {
    const row = [true, false, undefined].map((want) => {
      const idx = gold.map((_, i) => i).filter((i) => want === undefined || changed[i] === want);
      const s = scoreExamples(idx.map((i) => gold[i]), idx.map((i) => pred[i]));
      return `${pct(s.ents_f)} / ${pct(s.cats_acc)} / ${pct(s.sentence_acc)}`;
    });
    console.log(`${label}: changed ${row[0]} | unchanged ${row[1]} | all ${row[2]}`);
  }
  A.dispose();
  B.dispose();
}
const pct = (v: number | null | undefined) => (typeof v === 'number' ? (100 * v).toFixed(2) : '-');
main().catch((e) => { console.error(e); process.exit(1); });
