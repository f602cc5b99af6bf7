import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, tf } from '../../lib/engine';
import { tokenize } from '../../lib/data/tokenize';
import { makeBatch } from '../../lib/models/inputs/batch';
import { prepareForPrediction } from '../../lib/models/inputs/doc';
import type { JointPipeline } from '../../lib/models/pipeline/jointPipeline';
import type { Pipeline } from '../../lib/models/pipeline/pipeline';
import { decodableScores, taggerTransitions } from '../../lib/models/heads/tagger';
import { trainPipeline } from '../../lib/models/training/train';
import { viterbi } from '../../lib/models/crf/viterbi';
import { catUncertainty, nerUncertainty } from '../../lib/experiments/uncertainty';
import { sampleData, TINY } from './helpers';

test('catUncertainty(cats, labels, exclusive): 1 − top-two margin, or mean 1 − |2p − 1|', () => {
  const labels = ['A', 'B', 'C'];
  assert.equal(catUncertainty({ A: 0.7, B: 0.2, C: 0.1 }, labels, true), 1 - 0.5);
  assert.equal(catUncertainty({ A: 0.4, B: 0.4, C: 0.2 }, labels, true), 1);
  assert.equal(catUncertainty({ A: 1, B: 0, C: 0 }, labels, true), 0);
  assert.ok(Math.abs(catUncertainty({ A: 0.5, B: 1, C: 0.25 }, labels, false) - (1 + 0 + 0.5) / 3) < 1e-12);
  assert.equal(catUncertainty({}, [], true), 0);
  // A missing score counts as 0.
  assert.equal(catUncertainty({ A: 0.9 }, labels, true), 1 - 0.9);
});

/** Every valid tag path of length T (brute force), with its CRF score. */
function allPathScores(p: JointPipeline, e: Float32Array, T: number): { path: number[]; score: number }[] {
  const c = p.constraints;
  const K = c.nTags;
  const tr = taggerTransitions(p.model.tagger);
  const out: { path: number[]; score: number }[] = [];
  const walk = (path: number[]): void => {
    if (path.length === T) {
      if (!c.end[path[T - 1]]) return;
      let s = 0;
      path.forEach((y, t) => (s += e[t * K + y]));
      if (tr) {
        s += tr.start[path[0]] + tr.end[path[T - 1]];
        for (let t = 1; t < T; t++) s += tr.trans[path[t - 1] * K + path[t]];
      }
      out.push({ path, score: s });
      return;
    }
    for (let y = 0; y < K; y++) {
      if (path.length === 0 ? !c.start[y] : !c.allowed[path[path.length - 1] * K + y]) continue;
      walk([...path, y]);
    }
  };
  walk([]);
  return out;
}

function tagScores(p: JointPipeline, text: string): Float32Array {
  const batch = makeBatch(prepareForPrediction([{ text, tokens: tokenize(text) }]), p.featurizer, p.labelSet.cats.length, p.ngramHasher);
  return tf.tidy(() => decodableScores(p.model.tagger, p.model.forward(batch, { isTrain: false, rng: new Rng(0) }).tagScores!).dataSync() as Float32Array);
}

for (const decoder of ['crf', 'softmax'] as const) {
  test(`nerUncertainty(pipeline, examples) with a ${decoder} tagger is 1 − P(decoded path)^(1/T), checked by enumeration`, async () => {
    const data = await sampleData();
    const p = (await trainPipeline({ ...TINY, epochs: 2, heads: { tagger: { decoder } } }, data.train, [])) as JointPipeline;
    try {
      const texts = ['fly to Paris', 'play jazz', 'weather'];
      const u = nerUncertainty(p, texts.map((text) => ({ text, tokens: tokenize(text) })));
      texts.forEach((text, i) => {
        const T = tokenize(text).length;
        const e = tagScores(p, text);
        const best = viterbi(e, T, p.constraints, taggerTransitions(p.model.tagger));
        const paths = allPathScores(p, e, T);
        const bestScore = paths.find((x) => x.path.every((y, t) => y === best[t]))!.score;
        // CRF: normalise over valid paths; softmax: the scores are already token log-probabilities.
        const logP = decoder === 'crf' ? -Math.log(paths.reduce((a, x) => a + Math.exp(x.score - bestScore), 0)) : bestScore;
        const expected = 1 - Math.exp(logP / T);
        assert.ok(Math.abs(u[i] - expected) < 1e-4, `${text}: ${u[i]} vs ${expected}`);
        assert.ok(u[i] > 0 && u[i] < 1);
      });
      assert.deepEqual(nerUncertainty(p, [{ text: '', tokens: [] }]), [0]);
    } finally {
      p.dispose();
    }
  });
}

test('nerUncertainty(pipeline) needs a JointPipeline (E603)', () => {
  const fake = { labels: { ents: ['X'], cats: [] } } as unknown as Pipeline;
  assert.throws(() => nerUncertainty(fake, []), /\[E603\]/);
});
