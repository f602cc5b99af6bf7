// Child process of the `speed` section: trains the default `shared` model on SNIPS and measures
// training and inference tokens/s, model size on disk and this process's peak RSS (a separate
// process, so the peak is the model's and not the bench's). Prints one JSON object (summaries and the
// raw samples behind them).
// Usage: node --import tsx bench/lib/speedWorker.ts [--quick] [--config '<json>']
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { init } from '../../lib/engine/backend';
import { trainPipeline } from '../../lib/models/training/train';
import { validateConfig } from '../../lib/models/config/config';
import { configHash } from '../../lib/models/config/hash';
import { loadBenchDataset, shrink } from './datasets';
import { repeat, summarize } from './stats';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const ci = argv.indexOf('--config');
  const overrides = ci >= 0 ? (JSON.parse(argv[ci + 1]) as Record<string, unknown>) : {};
  const loaded = loadBenchDataset('snips');
  if ('missing' in loaded) {
    console.log(JSON.stringify({ missing: loaded.missing }));
    return;
  }
  const d = quick ? shrink(loaded, { train: 1000, dev: 0 }) : loaded;
  // Full mode: one training with the default epochs (tokens/s per epoch: 15 samples), so inference is
  // timed on a trained model, as users run it (a half-trained CRF decodes more slowly: fewer texts
  // take the exact greedy shortcut). Quick: two 1-epoch trainings on 1,000 texts.
  const epochs = quick ? 1 : ((overrides.epochs as number | undefined) ?? 15);
  const runs = quick ? 2 : 1;
  const config = { ...overrides, scheme: 'shared', epochs, training: { ...((overrides.training as object) ?? {}), restoreBest: false } };
  const backend = await init();
  const trainTps: number[] = [];
  const trainSeconds: number[] = [];
  let pipeline: Awaited<ReturnType<typeof trainPipeline>> | undefined;
  await repeat(runs, async () => {
    pipeline?.dispose();
    const t0 = performance.now();
    pipeline = await trainPipeline(config, d.train, [], {
      onProgress: (p) => {
        if (p.type === 'epoch') trainTps.push(p.tokensPerSecond);
      },
    });
    trainSeconds.push((performance.now() - t0) / 1000);
  });
  const p = pipeline!;
  // Inference on the test set (and, in full mode, on 5,000 training texts): predictExamples end to end.
  const sets = quick ? [d.test] : [d.test, d.train.slice(0, 5000)];
  const inference = sets.map((texts) => {
    const tokens = texts.reduce((a, e) => a + e.tokens.length, 0);
    // Warm-up: one untimed pass over the whole set (JIT of the decoding loops, first-shape kernel setup):
    // after the 50-text warm-up used before, the first timed pass over the 700 test texts ran at about
    // half the speed of the next ones (25k vs 47-55k tokens/s), and the median of 3 passes included it.
    p.predictExamples(texts);
    const tps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      p.predictExamples(texts);
      tps.push(tokens / ((performance.now() - t0) / 1000));
    }
    return { texts: texts.length, tokens, tokensPerSecond: summarize(tps), tokensPerSecondValues: tps };
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-model-'));
  await p.save(join(dir, 'model'));
  const modelBytes = dirBytes(join(dir, 'model'));
  rmSync(dir, { recursive: true, force: true });
  p.dispose();
  console.log(
    JSON.stringify({
      backend,
      configHash: configHash(config),
      vectors: validateConfig(config).encoder.vectors,
      nTrain: d.train.length,
      trainTokens: d.train.reduce((a, e) => a + e.tokens.length, 0),
      epochs,
      runs,
      trainTokensPerSecond: summarize(trainTps),
      trainSeconds: summarize(trainSeconds),
      // The raw samples, so the speed section can pool several rounds of this worker.
      trainTokensPerSecondValues: trainTps,
      trainSecondsValues: trainSeconds,
      inference,
      modelBytes,
      peakRssMB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    }),
  );
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((a, f) => {
    const s = statSync(join(dir, f));
    return a + (s.isDirectory() ? dirBytes(join(dir, f)) : s.size);
  }, 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
