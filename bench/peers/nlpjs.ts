// nlp.js (axa-group, @nlpjs/nlp v4) as a peer intent classifier, run in this process on the same
// splits as our textcat: its documented quick-start setup (containerBootstrap → Nlp + LangEn, no
// model file), addDocument per training text, train(), then classify() per test text. The
// prediction is nlp.js's top intent (its 'None' when the classifier has no winner); we call
// classify() rather than process() so NER, sentiment and the answer threshold stay out of timing.
import { performance } from 'node:perf_hooks';

/** One labelled text for an intent classifier. */
export interface IntentText {
  text: string;
  intent: string;
}

/** Accuracy and speed of one nlp.js train + predict cycle. */
export interface NlpjsResult {
  nTrain: number;
  nTest: number;
  accuracy: number;
  trainSeconds: number;
  predictSeconds: number;
  predictionsPerSecond: number;
  /** nlp.js's predicted intent per test text. */
  predictions: string[];
}

interface NlpInstance {
  settings: Record<string, unknown>;
  nluManager: { settings: Record<string, unknown> };
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  classify(locale: string, utterance: string): Promise<{ intent?: string; classifications?: { intent: string; score: number }[] }>;
}

/** A fresh, untrained nlp.js pipeline for English (no model file read or written). */
export async function createNlpjs(): Promise<NlpInstance> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { containerBootstrap } = require('@nlpjs/core');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Nlp } = require('@nlpjs/nlp');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LangEn } = require('@nlpjs/lang-en-min');
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp') as NlpInstance;
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  // The NLU's default logs every training epoch to the console; silence it (training is unchanged).
  nlp.nluManager.settings.log = false;
  nlp.addLanguage('en');
  return nlp;
}

/** Trains nlp.js on `train` and scores intent accuracy on `test` (exact label match). */
export async function runNlpjs(train: readonly IntentText[], test: readonly IntentText[]): Promise<NlpjsResult> {
  const nlp = await createNlpjs();
  for (const t of train) nlp.addDocument('en', t.text, t.intent);
  const t0 = performance.now();
  await nlp.train();
  const trainSeconds = (performance.now() - t0) / 1000;
  const predictions: string[] = [];
  const p0 = performance.now();
  for (const t of test) {
    const out = await nlp.classify('en', t.text);
    predictions.push(out.intent ?? 'None');
  }
  const predictSeconds = (performance.now() - p0) / 1000;
  const correct = predictions.reduce((a, p, i) => a + (p === test[i].intent ? 1 : 0), 0);
  return {
    nTrain: train.length,
    nTest: test.length,
    accuracy: test.length ? correct / test.length : NaN,
    trainSeconds,
    predictSeconds,
    predictionsPerSecond: test.length / Math.max(predictSeconds, 1e-9),
    predictions,
  };
}
