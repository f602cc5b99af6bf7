// Scores a saved pipeline on a slot/intent split under each category-consistency penalty that
// `heads.tagger.catConsistent: 'auto'` tries (0 = independent decoding … ∞ = hard constraint), and
// says which one 'auto' picks from the dev scores (the early-stopping score).
// Usage: node --import tsx bench/eval-saved.ts DIR [--data snips|atis] [--joined-intents]
import { datasetPath } from '../lib/data/dataDir';
import { loadSlotIntent } from '../lib/data/slotIntent';
import type { Example } from '../lib/data/types';
import { init } from '../lib/engine';
import { scoreExamples } from '../lib/eval/evaluate';
import { HARD_PENALTY } from '../lib/models/crf/catConsistent';
import { loadPipeline } from '../lib/models';
import { chooseCatPenalty } from '../lib/models/training/train';

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
  pipeline.configureDecoding({ catConsistent: 'auto' });
  const dev = prep(loadSlotIntent(dir, { split: 'valid' }));
  const test = prep(loadSlotIntent(dir, { split: 'test' }));
  // The same choice as training's 'auto' (chooseCatPenalty), then the test scores under each penalty.
  const { penalty: pick, trials } = chooseCatPenalty(pipeline, dev);
  for (const { penalty, dev: d } of trials) {
    pipeline.labelSet.catPenalty = penalty;
    const t = scoreExamples(test, pipeline.predictExamples(test));
    const devLine = `dev ${pct(d.ents_f)} / ${pct(d.cats_acc)} / ${pct(d.sentence_acc)}`;
    console.log(`${name} λ ${penalty === HARD_PENALTY ? '∞' : penalty}: ${devLine} | test ${pct(t.ents_f)} / ${pct(t.cats_acc)} / ${pct(t.sentence_acc)} (slot F1 / intent / sentence)`);
  }
  const pickScore = trials.find((t) => t.penalty === pick)?.score ?? -Infinity;
  console.log(`'auto' picks λ ${pick === HARD_PENALTY ? '∞' : pick} (dev score ${(100 * pickScore).toFixed(3)})`);
}

const pct = (v: number | null | undefined) => (typeof v === 'number' ? (100 * v).toFixed(2) : '—');

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
