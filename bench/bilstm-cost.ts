// What a BiLSTM layer over the encoder's token vectors would cost in training: tokens per second of
// its forward and backward pass alone (plus an Adam update), on SNIPS training batches (their real
// text lengths, 64 texts a batch, padded per batch as an LSTM needs), on the engine's backend.
// Two implementations: tfjs-layers' Bidirectional(LSTM), and a hand-written step loop with the four
// gates in one matMul. Compare with the default model's training tokens/s (bench/lib/speedWorker.ts):
// adding a layer that runs X tokens/s alone to a model that trains D tokens/s gives X / (X + D) of D.
// Usage: node --import tsx bench/bilstm-cost.ts [--units 48] [--batches 40]
import { performance } from 'node:perf_hooks';
import { init, tf } from '../lib/engine/backend';
import { loadBenchDataset } from './lib/datasets';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const WIDTH = 96; // the default encoder's token vector width
const UNITS = opt('units', 48); // per direction: 2 × 48 = the encoder width
const BATCHES = opt('batches', 40);
const WARMUP = 5;
const BATCH_SIZE = 64;

/** Text lengths of SNIPS training batches in a fixed shuffled order. */
function batchLengths(): number[][] {
  const loaded = loadBenchDataset('snips');
  if ('missing' in loaded) throw new Error(`SNIPS is missing: ${loaded.missing}`);
  const lengths = loaded.train.map((e) => e.tokens.length);
  let s = 1;
  for (let i = lengths.length - 1; i > 0; i--) {
    s = (s * 16807) % 2147483647;
    const j = s % (i + 1);
    [lengths[i], lengths[j]] = [lengths[j], lengths[i]];
  }
  const out: number[][] = [];
  for (let i = 0; i + BATCH_SIZE <= lengths.length && out.length < WARMUP + BATCHES; i += BATCH_SIZE) out.push(lengths.slice(i, i + BATCH_SIZE));
  return out;
}

type Step = (x: tf.Tensor3D, mask: tf.Tensor3D) => void;

/** tfjs-layers Bidirectional(LSTM) trained with Adam on a masked squared loss. */
function layersStep(): Step {
  const layer = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: UNITS, returnSequences: true }) as tf.RNN, mergeMode: 'concat' });
  tf.tidy(() => layer.apply(tf.zeros([1, 1, WIDTH])) as tf.Tensor); // builds the weights outside minimize
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(0.001);
  return (x, mask) => {
    const cost = optimizer.minimize(() => tf.sum(tf.mul(tf.square(layer.apply(x) as tf.Tensor3D), mask)) as tf.Scalar, true, vars);
    cost?.dispose();
  };
}

/** A hand-written BiLSTM: per time step one matMul of [x_t ; h] with the four gates' weights. */
function loopStep(): Step {
  const rng = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.1, 'float32', 7));
  const dirs = [0, 1].map(() => ({ W: rng([WIDTH + UNITS, 4 * UNITS]), b: tf.variable(tf.zeros([4 * UNITS])) }));
  const optimizer = tf.train.adam(0.001);
  const run = (x: tf.Tensor3D, d: { W: tf.Variable; b: tf.Variable }, reverse: boolean): tf.Tensor3D => {
    const [B, T] = x.shape;
    const steps = tf.unstack(x, 1) as tf.Tensor2D[];
    let h = tf.zeros([B, UNITS]) as tf.Tensor2D;
    let c = tf.zeros([B, UNITS]) as tf.Tensor2D;
    const hs: tf.Tensor2D[] = new Array(T);
    for (let k = 0; k < T; k++) {
      const t = reverse ? T - 1 - k : k;
      const z = tf.add(tf.matMul(tf.concat([steps[t], h], 1), d.W), d.b);
      const [i, f, g, o] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      hs[t] = h;
    }
    return tf.stack(hs, 1) as tf.Tensor3D;
  };
  return (x, mask) => {
    const cost = optimizer.minimize(
      () => {
        const out = tf.concat([run(x, dirs[0], false), run(x, dirs[1], true)], 2);
        return tf.sum(tf.mul(tf.square(out), mask)) as tf.Scalar;
      },
      true,
      dirs.flatMap((d) => [d.W, d.b]),
    );
    cost?.dispose();
  };
}

/** Training tokens per second of `step` over the batches (the first WARMUP untimed). */
function measure(step: Step, batches: number[][]): { tokensPerSecond: number; seconds: number; tokens: number } {
  let tokens = 0;
  let ms = 0;
  batches.forEach((lengths, b) => {
    const T = Math.max(...lengths);
    const { x, mask } = tf.tidy(() => {
      const m = tf.tensor2d(lengths.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? 1 : 0))), [lengths.length, T]);
      return { x: tf.randomNormal([lengths.length, T, WIDTH], 0, 1, 'float32', b) as tf.Tensor3D, mask: tf.expandDims(m, 2) as tf.Tensor3D };
    });
    const t0 = performance.now();
    tf.tidy(() => step(x, mask));
    const dt = performance.now() - t0;
    x.dispose();
    mask.dispose();
    if (b < WARMUP) return;
    ms += dt;
    tokens += lengths.reduce((a, n) => a + n, 0);
  });
  return { tokensPerSecond: Math.round(tokens / (ms / 1000)), seconds: Math.round(ms) / 1000, tokens };
}

async function main(): Promise<void> {
  const backend = await init();
  const batches = batchLengths();
  const result: Record<string, unknown> = { backend, width: WIDTH, unitsPerDirection: UNITS, batches: batches.length - WARMUP, batchSize: BATCH_SIZE };
  result.layers = measure(layersStep(), batches);
  result.loop = measure(loopStep(), batches);
  result.tensorsLeft = tf.memory().numTensors;
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
