// Diagnostic for the small NLU corpora (AskUbuntu, WebApplications, Chatbot): test accuracy of a plain
// logistic regression (per-example SGD, lr 0.1, 200 epochs, binary bag of features + bias) over
// lower-cased words or nlp.js's stems, softmax or one-vs-rest, L2 0 / 0.001 / 0.01. It shows what a
// linear model reaches on these 30-100-text training sets, next to our textcat and nlp.js. The grid is
// scored on test (there is no dev set): read it as a range, not as a tuned model.
// Usage: WORKBENCH_DATA=... node --import tsx bench/linear-baseline.ts
import { intentOf, loadBenchDataset, type BenchDatasetName } from './lib/datasets';

type Features = (text: string) => string[];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StemmerEn, TokenizerEn, NormalizerEn } = require('@nlpjs/lang-en-min');
const stemmer = new StemmerEn();
const tokenizer = new TokenizerEn();
const normalizer = new NormalizerEn();
const words: Features = (t) => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
const stems: Features = (t) => stemmer.stem(tokenizer.tokenize(normalizer.normalize(t), true));

/** Trains the linear model; returns a predictor of the top label. */
function fit(X: string[][], y: string[], opts: { epochs: number; lr: number; l2: number; ovr: boolean }): (x: string[]) => string {
  const labels = [...new Set(y)].sort();
  const vocab = new Map<string, number>();
  for (const xs of X) for (const f of xs) if (!vocab.has(f)) vocab.set(f, vocab.size);
  const K = labels.length;
  const V = vocab.size + 1; // + bias
  const W = new Float64Array(V * K);
  const ids = (xs: string[]): number[] => [...new Set([...xs.map((f) => vocab.get(f)).filter((i): i is number => i !== undefined), V - 1])];
  const scores = (f: number[]): number[] => labels.map((_, k) => f.reduce((a, j) => a + W[j * K + k], 0));
  for (let e = 0; e < opts.epochs; e++) {
    for (let i = 0; i < X.length; i++) {
      const f = ids(X[i]);
      const s = scores(f);
      let p: number[];
      if (opts.ovr) p = s.map((v) => 1 / (1 + Math.exp(-v)));
      else {
        const m = Math.max(...s);
        const ex = s.map((v) => Math.exp(v - m));
        const z = ex.reduce((a, b) => a + b, 0);
        p = ex.map((v) => v / z);
      }
      for (let k = 0; k < K; k++) {
        const g = p[k] - (labels[k] === y[i] ? 1 : 0);
        for (const j of f) W[j * K + k] -= opts.lr * (g + opts.l2 * W[j * K + k]);
      }
    }
  }
  return (x) => {
    const s = scores(ids(x));
    return labels[s.indexOf(Math.max(...s))];
  };
}

const sets: BenchDatasetName[] = ['askubuntu', 'webapps', 'chatbot'];
for (const name of sets) {
  const d = loadBenchDataset(name);
  if ('missing' in d) {
    console.log(`${name}: skipped (${d.missing})`);
    continue;
  }
  const cells: string[] = [];
  for (const [fname, f] of [['words', words], ['stems', stems]] as const) {
    for (const ovr of [false, true]) {
      for (const l2 of [0, 0.001, 0.01]) {
        const predict = fit(d.train.map((e) => f(e.text)), d.train.map(intentOf), { epochs: 200, lr: 0.1, l2, ovr });
        const acc = d.test.filter((e) => predict(f(e.text)) === intentOf(e)).length / d.test.length;
        cells.push(`${fname} ${ovr ? 'one-vs-rest' : 'softmax'} L2 ${l2}: ${(100 * acc).toFixed(1)}`);
      }
    }
  }
  console.log(`${name} (${d.train.length} train / ${d.test.length} test)\n  ${cells.join('\n  ')}`);
}
