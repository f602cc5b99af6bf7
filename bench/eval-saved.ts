// Scores a saved pipeline on a slot/intent test split with category-consistent decoding off and on.
// Usage: node --import tsx bench/eval-saved.ts DIR [--data snips|atis] [--joined-intents]
import { datasetPath } from '../lib/data/dataDir';
import { loadSlotIntent } from '../lib/data/slotIntent';
import type { Example } from '../lib/data/types';
import { init } from '../lib/engine';
import { scoreExamples } from '../lib/eval/evaluate';
import { loadPipeline } from '../lib/models';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirArg = args[0];
  const name = args.includes('--data') ? args[args.indexOf('--data') + 1] : 'snips';
  const dir = datasetPath(name);
  if (!dirArg || !dir) throw new Error('usage: eval-saved.ts DIR [--data snips|atis] [--joined-intents] (set WORKBENCH_DATA)');
  await init();
  const join = (eg: Example): Example => ({ ...eg, cats: { [Object.keys(eg.cats).filter((k) => eg.cats[k] === 1).sort().join('#')]: 1 } });
  const prep = (egs: Example[]) => (args.includes('--joined-intents') ? egs.map(join) : egs);
  const pipeline = await loadPipeline(dirArg);
  for (const split of ['valid', 'test'] as const) {
    const gold = prep(loadSlotIntent(dir, { split }));
    for (const on of ["off", "on"] as const) {
      pipeline.configureDecoding({ catConsistent: on });
      const t0 = performance.now();
      const s = scoreExamples(gold, pipeline.predictExamples(gold));
      const secs = (performance.now() - t0) / 1000;
      console.log(`${name} ${split} catConsistent=${on}: slot F1 ${pct(s.ents_f)} intent ${pct(s.cats_acc)} sentence ${pct(s.sentence_acc)} (${secs.toFixed(1)} s)`);
    }
  }
}

const pct = (v: number | null | undefined) => (typeof v === 'number' ? (100 * v).toFixed(2) : '—');

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
