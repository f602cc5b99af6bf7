import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBio, fromBiluo } from '../../../lib/data/biluo';
import { tokenize } from '../../../lib/data/tokenize';
import type { Example } from '../../../lib/data/types';
import { Rng } from '../../../lib/engine/random';
import { prepareForTraining } from '../../../lib/models/inputs/doc';
import { crfStructure, expandTransitions, factoredCrfGrads } from '../../../lib/models/crf/factoredCrf';
import { expParams } from '../../../lib/models/crf/factoredLattice';
import { factoredRejectLoss, type RejectedSpan } from '../../../lib/models/crf/factoredLoss';
import { collectLabels } from '../../../lib/models/inputs/labels';
import { isValidSequence, tagConstraints } from '../../../lib/models/crf/tagConstraints';

// The rejection loss −log(1 − P(span)) against brute force: P by enumerating every valid tag path,
// the gradient by central differences.

const text = 'aa bb cc dd';
const tokens = tokenize(text);
const T = tokens.length;
const char = (t: number) => tokens[t];

for (const scheme of ['biluo', 'bio'] as const) {
  const base: Example = { text, tokens, spans: [{ start: 0, end: 2, label: 'X' }, { start: 3, end: 5, label: 'Y' }], cats: {} };
  const labels = collectLabels([base], scheme, 'auto');
  const tags = labels.tags;
  const K = tags.length;
  const c = tagConstraints(tags, scheme);
  const s = crfStructure(tags, c, scheme);
  const C = s.nClasses;

  /** P(an entity `label` exactly on tokens [a, b]) by enumerating all valid paths. */
  function bruteP(e: Float32Array, p: { A: Float32Array; S: Float32Array; start: Float32Array; end: Float32Array }, a: number, b: number, label: string): number {
    const full = expandTransitions(p, s);
    let Z = 0;
    let hit = 0;
    const path = new Int32Array(T);
    for (let code = 0; code < K ** T; code++) {
      for (let t = 0, x = code; t < T; t++, x = Math.floor(x / K)) path[t] = x % K;
      if (!isValidSequence(path, c)) continue;
      let v = full.start[path[0]] + full.end[path[T - 1]];
      for (let t = 0; t < T; t++) v += e[t * K + path[t]] + (t > 0 ? full.trans[path[t - 1] * K + path[t]] : 0);
      const w = Math.exp(v);
      Z += w;
      const names = Array.from(path, (j) => tags[j]);
      const spans = (scheme === 'biluo' ? fromBiluo : fromBio)(tokens, names);
      if (spans.some((sp) => sp.start === char(a).start && sp.end === char(b).end && sp.label === label)) hit += w;
    }
    return hit / Z;
  }

  test(`rejected spans (${scheme}): prepareForTraining turns negSpans into forced sequences; loss = −log(1 − P) by enumeration; gradient by finite differences`, () => {
    const rng = new Rng(scheme === 'biluo' ? 31 : 32);
    for (const [a, b, label] of [[1, 1, 'X'], [1, 2, 'Y'], [0, 3, 'X'], [2, 3, 'Y']] as const) {
      const eg: Example = { ...base, negSpans: [{ start: char(a).start, end: char(b).end, label }] };
      const { docs, stats } = prepareForTraining([eg], labels);
      assert.equal(stats.rejectedSpans, 1);
      const span = docs[0].rejected![0] as RejectedSpan;
      assert.equal(span.start, a);
      assert.equal(span.sequences.length, scheme === 'bio' && b + 1 < T ? 2 : 1, 'BIO subtracts the continued entity when a token follows');
      const e = Float32Array.from({ length: T * K }, () => rng.normal());
      span.sequences[0].tags.forEach((tag, i) => (e[(a + i) * K + tag] += 4)); // a likely span: a real test of P and its gradient
      const p = {
        A: Float32Array.from({ length: C * C }, () => rng.normal() * 0.5),
        S: Float32Array.from({ length: C * C }, () => rng.normal() * 0.5),
        start: Float32Array.from({ length: C }, () => rng.normal() * 0.5),
        end: Float32Array.from({ length: C }, () => rng.normal() * 0.5),
      };
      const lossOf = (em: Float32Array, q = p) => factoredRejectLoss(em, 0, T, span, s, expParams(q, s), factoredCrfGrads(T * K, s), 1);
      const P = bruteP(e, p, a, b, label);
      assert.ok(P > 0.05, `the span [${a}, ${b}] ${label} is likely: P = ${P}, forced ${span.sequences[0].tags}`);
      assert.ok(Math.abs(lossOf(e) + Math.log(1 - P)) < 1e-5, `[${a}, ${b}] ${label}: loss ${lossOf(e)} vs ${-Math.log(1 - P)}`);
      const grads = factoredCrfGrads(T * K, s);
      factoredRejectLoss(e, 0, T, span, s, expParams(p, s), grads, 1);
      const h = 1e-3;
      for (let k = 0; k < T * K; k++) {
        const up = Float32Array.from(e);
        const down = Float32Array.from(e);
        up[k] += h;
        down[k] -= h;
        const numeric = (lossOf(up) - lossOf(down)) / (2 * h);
        assert.ok(Math.abs(grads.emissions[k] - numeric) < 2e-3, `d/de[${k}]: ${grads.emissions[k]} vs ${numeric}`);
      }
      for (const key of ['A', 'S', 'start', 'end'] as const) {
        for (let k = 0; k < p[key].length; k++) {
          const up = { ...p, [key]: Float32Array.from(p[key]) };
          const down = { ...p, [key]: Float32Array.from(p[key]) };
          up[key][k] += h;
          down[key][k] -= h;
          const numeric = (lossOf(e, up) - lossOf(e, down)) / (2 * h);
          assert.ok(Math.abs(grads[key][k] - numeric) < 2e-3, `d/d${key}[${k}]: ${grads[key][k]} vs ${numeric}`);
        }
      }
    }
  });
}

test('rejected spans off token boundaries or with unknown labels are counted as unused, not silently dropped', () => {
  const eg: Example = {
    text,
    tokens,
    spans: [{ start: 0, end: 2, label: 'X' }],
    cats: {},
    negSpans: [
      { start: 0, end: 1, label: 'X' }, // half a token
      { start: 3, end: 5, label: 'X' }, // fine
    ],
  };
  const labels = collectLabels([{ ...eg, negSpans: [] }], 'biluo', 'auto');
  const { docs, stats } = prepareForTraining([{ ...eg, negSpans: [...eg.negSpans!, { start: 6, end: 8, label: 'Z' }] }], labels);
  assert.equal(stats.rejectedSpans, 1);
  assert.equal(stats.rejectedSpansUnused, 2);
  assert.equal(docs[0].rejected!.length, 1);
});

test('a set with only rejected spans (Prodigy binary rejects) trains the CRF tagger: its NER loss is above 0 and falls', async () => {
  const { init } = await import('../../../lib/engine');
  const { trainPipeline } = await import('../../../lib/models');
  await init();
  const cities = ['Paris', 'Rome', 'Oslo', 'Lima', 'Kyiv', 'Quito', 'Bern', 'Doha'];
  const train: Example[] = cities.flatMap((city, i) =>
    ['call', 'email', 'text'].map((verb) => {
      const t = `${verb} ${city} now`;
      const start = verb.length + 1;
      return { text: t, tokens: tokenize(t), spans: [], cats: {}, negSpans: [{ start, end: start + city.length, label: i % 2 ? 'CITY' : 'PERSON' }], meta: { hasNer: false } };
    }),
  );
  const ner: number[] = [];
  const pipeline = await trainPipeline(
    { epochs: 6, batchSize: 8, seed: 1, encoder: { width: 16, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [100, 50, 50, 50] } },
    train,
    [],
    { onProgress: (p) => void (p.type === 'epoch' && ner.push(p.losses.ner ?? 0)) },
  );
  pipeline.dispose();
  assert.ok(ner[0] > 0, `first epoch NER loss ${ner[0]}`);
  assert.ok(ner.at(-1)! < ner[0] / 2, `NER loss per epoch ${ner.map((x) => x.toFixed(3)).join(', ')}`);
});
