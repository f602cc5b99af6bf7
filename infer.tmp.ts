import { datasetPath } from '/work/main/lib/data/dataDir';
import { loadSlotIntent } from '/work/main/lib/data/slotIntent';
import { init } from '/work/main/lib/engine';
import { loadPipeline } from '/work/main/lib/models';
async function main() {
  await init();
  const p = await loadPipeline('/tmp/snips-model');
  const train = loadSlotIntent(datasetPath('snips')!, { split: 'train' }).slice(0, 5000);
  const toks = train.reduce((a, e) => a + e.tokens.length, 0);
  p.predictExamples(train.slice(0, 500));
  for (let r = 0; r < 3; r++) {
    const c = process.cpuUsage(); const t = performance.now();
    const out = p.predictExamples(train);
    const u = process.cpuUsage(c);
    console.log('tok/s', Math.round(toks / ((performance.now() - t) / 1000)), 'tok/cpu-s', Math.round(toks / ((u.user + u.system) / 1e6)), out.length);
  }
}
main();
