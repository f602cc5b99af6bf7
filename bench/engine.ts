// Benchmark of lib/engine: forward and backward speed of a spaCy-like CNN encoder
// (MultiHashEmbed → 4 × residual(WindowConv → LayerNorm)), width 96, window 1, maxout 3 pieces,
// on a SNIPS-like batch (64 sentences of 6–18 tokens). Prints JSON: median/min/max ms per pass,
// tokens/s, and GFLOP/s of the matMuls (FLOPs counted analytically, divided by the pass's time and
// by the matMul kernels' own time from tf.profile).
// Usage: node --import tsx bench/engine.ts [--quick] [--backend=wasm,cpu] [--runs=N]
//        [--width=96] [--depth=4] [--pieces=3] [--sentences=64] [--layout=ragged,padded]
import {
  init,
  tf,
  Rng,
  MultiHashEmbed,
  WindowConv,
  LayerNorm,
  chain,
  residual,
  padRagged,
  unpadRagged,
  collectParams,
  disposeLayer,
  Adam,
  trainStep,
  type Layer,
  type Ragged,
  type Padded,
  type HashKeys,
  type BackendName,
} from '../lib/engine';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const backends = (arg('backend') ?? 'wasm,cpu').split(',') as BackendName[];

const WIDTH = Number(arg('width') ?? 96);
const DEPTH = Number(arg('depth') ?? 4);
const PIECES = Number(arg('pieces') ?? 3);
const WINDOW = 1;
const ROWS = [5000, 1000, 2500, 2500];
const N_ATTRS = ROWS.length;
const SENTENCES = Number(arg('sentences') ?? 64);

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { median: r(median), min: r(s[0]), max: r(s[s.length - 1]) };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A SNIPS-like batch: lengths 6–18, random attribute hashes. */
function makeBatch(rng: Rng): { keys: HashKeys; lengths: number[] } {
  const lengths = Array.from({ length: SENTENCES }, () => 6 + rng.int(13));
  const nTokens = lengths.reduce((a, b) => a + b, 0);
  const keys = Int32Array.from({ length: nTokens * N_ATTRS }, () => (rng.next() * 2 ** 32) | 0);
  return { keys: { keys, nTokens, nAttrs: N_ATTRS }, lengths };
}

function cnn<S extends Ragged | Padded>(): Layer<S, S> {
  const blocks = Array.from({ length: DEPTH }, () =>
    residual(chain<S, S>(WindowConv<S>({ window: WINDOW, nO: WIDTH, pieces: PIECES }), LayerNorm<S>())),
  );
  return chain<S, S>(...blocks);
}

/** The encoder as lib/models would build it: embed the tokens, then convolve them as ragged or padded sequences. */
function buildEncoder(layout: 'ragged' | 'padded') {
  const embed = MultiHashEmbed({ width: WIDTH, rows: ROWS });
  const rag = cnn<Ragged>();
  const pad = cnn<Padded>();
  const forward = (b: { keys: HashKeys; lengths: number[] }, isTrain: boolean, rng: Rng): tf.Tensor2D => {
    const ctx = { isTrain, rng };
    const x: Ragged = { data: embed.forward(b.keys, ctx), lengths: b.lengths };
    if (layout === 'ragged') return rag.forward(x, ctx).data;
    return unpadRagged(pad.forward(padRagged(x), ctx), b.lengths).data;
  };
  const initialize = (b: { keys: HashKeys; lengths: number[] }, rng: Rng) => {
    embed.initialize(b.keys, rng.fork('embed'));
    tf.tidy(() => {
      const x: Ragged = { data: embed.forward(b.keys, { isTrain: false, rng }), lengths: b.lengths };
      if (layout === 'ragged') rag.initialize(x, rng.fork('cnn'));
      else pad.initialize(padRagged(x), rng.fork('cnn'));
    });
  };
  const params = () => new Map([...collectParams(embed, 'embed'), ...collectParams(layout === 'ragged' ? rag : pad, 'cnn')]);
  const dispose = () => [embed, rag, pad].forEach(disposeLayer);
  return { forward, initialize, params, dispose };
}

/** MatMul FLOPs of one forward pass over `rows` token rows (backward is twice this: dX and dW). */
function forwardFlops(tokens: number, convRows: number): number {
  const mix = 2 * tokens * (N_ATTRS * WIDTH) * (WIDTH * PIECES);
  const conv = DEPTH * 2 * convRows * ((2 * WINDOW + 1) * WIDTH) * (WIDTH * PIECES);
  return mix + conv;
}

async function benchLayout(backend: BackendName, layout: 'ragged' | 'padded', runs: number) {
  const rng = new Rng(1);
  const batch = makeBatch(rng);
  const nTokens = batch.keys.nTokens;
  const T = Math.max(...batch.lengths);
  const convRows = layout === 'ragged' ? nTokens : SENTENCES * T;
  const enc = buildEncoder(layout);
  enc.initialize(batch, rng);
  const params = enc.params();
  const R = tf.randomNormal([nTokens, WIDTH], 0, 1, 'float32', 3);
  const lossOf = (out: tf.Tensor2D) => tf.div(tf.sum(tf.mul(out, R)), nTokens) as tf.Scalar;
  const opt = new Adam({ learnRate: 1e-3, gradClip: 1 });

  const warmup = quick ? 2 : 3;
  // Warm up every path once more before any timing (JIT, wasm heap growth, matMul weight packing).
  for (let i = 0; i < warmup; i++) {
    tf.tidy(() => void enc.forward(batch, false, rng).dataSync());
    trainStep(() => lossOf(enc.forward(batch, true, rng)), params, opt);
  }
  /** Median/min/max of `runs` timings of f after `warmup` untimed calls. */
  const timeIt = (f: () => void): number[] => {
    const ts: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      f();
      if (i >= warmup) ts.push(performance.now() - t0);
    }
    return ts;
  };
  const inference = timeIt(() => tf.tidy(() => void enc.forward(batch, false, rng).dataSync()));
  const forward: number[] = [];
  const backward: number[] = [];
  timeIt(() => {
    let tMid = 0;
    const t0 = performance.now();
    tf.tidy(() => {
      const { value } = tf.variableGrads(() => {
        const loss = lossOf(enc.forward(batch, true, rng));
        tMid = performance.now(); // wasm and cpu run ops synchronously: the forward pass is done here
        return loss;
      }, [...params.values()]);
      value.dataSync();
    });
    forward.push(tMid - t0);
    backward.push(performance.now() - tMid);
  });
  forward.splice(0, warmup);
  backward.splice(0, warmup);
  const step = timeIt(() => trainStep(() => lossOf(enc.forward(batch, true, rng)), params, opt));

  // Kernel-level view of one forward+backward: how much of it is matMul.
  const profile = await tf.profile(() =>
    tf.tidy(() => {
      const { value } = tf.variableGrads(() => lossOf(enc.forward(batch, true, rng)), [...params.values()]);
      value.dataSync();
    }),
  );
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls += 1;
    byKernel.set(k.name, e);
  }
  // tf.profile also lists scopes (customGrad 'forward', '*__op' wrappers) around kernels: leave them out.
  for (const name of [...byKernel.keys()]) if (name === 'forward' || name.endsWith('__op')) byKernel.delete(name);
  const matMulMs = (byKernel.get('BatchMatMul')?.ms ?? 0) + (byKernel.get('_FusedMatMul')?.ms ?? 0);
  const kernelMs = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  const top = [...byKernel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 12)
    .map(([name, e]) => ({ kernel: name, ms: round(e.ms), calls: e.calls }));

  const fwdFlops = forwardFlops(nTokens, convRows);
  const fS = stats(forward);
  const bS = stats(backward);
  const iS = stats(inference);
  const sS = stats(step);
  opt.dispose();
  R.dispose();
  enc.dispose();
  return {
    layout,
    tokens: nTokens,
    convRows,
    forwardFlopsPerToken: Math.round(fwdFlops / nTokens),
    inference: { ms: iS, tokensPerSec: Math.round((nTokens * 1000) / iS.median) },
    forward: { ms: fS, gflops: round(fwdFlops / fS.median / 1e6) },
    backward: { ms: bS, gflops: round((2 * fwdFlops) / bS.median / 1e6) },
    forwardBackward: { tokensPerSec: Math.round((nTokens * 1000) / (fS.median + bS.median)) },
    trainStep: { ms: sS, tokensPerSec: Math.round((nTokens * 1000) / sS.median) },
    matMulKernels: {
      ms: round(matMulMs),
      gflops: round((3 * fwdFlops) / matMulMs / 1e6),
      shareOfKernelTime: round(matMulMs / kernelMs),
    },
    topKernels: top,
  };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {
    config: { width: WIDTH, depth: DEPTH, window: WINDOW, pieces: PIECES, rows: ROWS, sentences: SENTENCES, lengths: '6-18', quick },
    note: 'forward/backward split inside tf.variableGrads; gflops = analytic matMul FLOPs / wall time of the pass; matMulKernels = same FLOPs / matMul kernel time (tf.profile)',
  };
  for (const backend of backends) {
    await init(backend);
    const runs = Number(arg('runs') ?? (backend === 'cpu' ? (quick ? 1 : 3) : quick ? 3 : 10));
    const layouts = (arg('layout')?.split(',') ?? (backend === 'cpu' && quick ? ['ragged'] : ['ragged', 'padded'])) as Array<
      'ragged' | 'padded'
    >;
    const results = [];
    for (const layout of layouts) results.push(await benchLayout(backend, layout, runs));
    out[backend] = { runs, results, numTensorsAfter: tf.memory().numTensors };
  }
  console.log(JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
