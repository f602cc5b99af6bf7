import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTO_PENALTIES, catEntityLabels, catTagPenalties, checkCatEntityLabels, decodeConsistent, HARD_PENALTY, pathScore } from '../../../lib/models/crf/catConsistent';
import { pathEntities, type TagDecoder } from '../../../lib/models/crf/decode';
import { crfStructure } from '../../../lib/models/crf/factoredCrf';
import { tagNames, type LabelSet } from '../../../lib/models/inputs/labels';
import { isValidSequence, tagConstraints } from '../../../lib/models/crf/tagConstraints';
import { tokenize } from '../../../lib/data/tokenize';
import { Rng } from '../../../lib/engine/random';
import type { Example } from '../../../lib/data/types';

// Category-consistent decoding against brute force: every valid tag path of a short text, every
// category, the best log p(c) + s(y) − λ · (entities of y whose label is not allowed for c).

const ents = ['A', 'B', 'C'];
const cats = ['X', 'Y', 'Z'];
const catEnts = { X: ['A'], Y: ['B', 'C'], Z: [] as string[] };

function labelSet(scheme: 'biluo' | 'bio'): LabelSet {
  return { ents, cats, tags: tagNames(ents, scheme), tagScheme: scheme, exclusive: true, catEnts };
}

function allPaths(T: number, K: number): Int32Array[] {
  const out: Int32Array[] = [];
  const cur = new Int32Array(T);
  const rec = (t: number) => {
    if (t === T) return void out.push(Int32Array.from(cur));
    for (let k = 0; k < K; k++) {
      cur[t] = k;
      rec(t + 1);
    }
  };
  rec(0);
  return out;
}

for (const scheme of ['biluo', 'bio'] as const) {
  for (const [kind, penalty] of [['softmax', HARD_PENALTY], ['crf', HARD_PENALTY], ['softmax', 1.5], ['crf', 2]] as const) {
    test(`decodeConsistent (${scheme}, ${kind}, λ ${penalty}) finds the best (category, path) pair`, () => {
      const labels = labelSet(scheme);
      const K = labels.tags.length;
      const constraints = tagConstraints(labels.tags, scheme);
      const rng = new Rng(scheme === 'biluo' ? 31 : 32);
      const penalties = catTagPenalties(labels, labels, penalty);
      let changed = 0;
      for (let trial = 0; trial < 60; trial++) {
        const text = ['a b c', 'a b c d', 'a b'][trial % 3];
        const tokens = tokenize(text);
        const T = tokens.length;
        let decoder: TagDecoder = { constraints };
        if (kind === 'crf') {
          const s = crfStructure(labels.tags, constraints, scheme);
          const C = s.nClasses;
          const n = () => rng.normal();
          decoder = {
            constraints,
            crf: {
              structure: s,
              params: { A: Float32Array.from({ length: C * C }, n), S: Float32Array.from({ length: C * C }, n), start: Float32Array.from({ length: C }, n), end: Float32Array.from({ length: C }, n) },
            },
          };
        }
        // Two rows of padding before the text: the offset must be honoured.
        const scores = Float32Array.from({ length: (T + 2) * K }, () => rng.normal() * 2);
        const raw = Float32Array.from(cats, () => Math.exp(rng.normal() * 2));
        const sum = raw.reduce((a, b) => a + b, 0);
        const probs = raw.map((v) => v / sum);
        const got = decodeConsistent(scores, 2, tokens, text, labels, decoder, probs, penalties);

        let best = -Infinity;
        let bestCat = -1;
        let bestPath: Int32Array | undefined;
        for (const path of allPaths(T, K)) {
          if (!isValidSequence(path, constraints)) continue;
          const s = pathScore(scores, 2, path, decoder);
          cats.forEach((c, ci) => {
            // Entities start at a B or U tag (BIO: B); count those of labels not allowed for c.
            const bad = [...path].filter((k) => /^[BU]-/.test(labels.tags[k]) && !catEnts[c as keyof typeof catEnts].includes(labels.tags[k].slice(2))).length;
            const v = Math.log(probs[ci]) + s - penalty * bad;
            if (v > best + 1e-9) {
              best = v;
              bestCat = ci;
              bestPath = path;
            }
          });
        }
        const gotCat = [...got.probs].indexOf(Math.max(...got.probs));
        assert.equal(gotCat, bestCat, `trial ${trial}: category`);
        assert.deepEqual(got.ents, pathEntities(bestPath!, tokens, text, labels), `trial ${trial}: entities`);
        assert.ok(Math.abs(got.probs.reduce((a, b) => a + b, 0) - 1) < 1e-5, `trial ${trial}: probabilities sum to 1`);
        if (penalty === HARD_PENALTY) for (const e of got.ents) assert.ok(catEnts[cats[gotCat] as keyof typeof catEnts].includes(e.label), `trial ${trial}: ${e.label} allowed`);
        if (gotCat !== [...probs].indexOf(Math.max(...probs))) changed++;
      }
      assert.ok(changed > 0, 'some trials move the category away from the classifier’s best');
    });
  }
}

test('pathScore with a CRF adds start, transitions (same-label bonus) and end to the emissions', () => {
  const labels = labelSet('biluo');
  const constraints = tagConstraints(labels.tags, 'biluo');
  const s = crfStructure(labels.tags, constraints, 'biluo');
  const C = s.nClasses;
  const K = labels.tags.length;
  const A = Float32Array.from({ length: C * C }, (_, k) => k / 10);
  const S = Float32Array.from({ length: C * C }, (_, k) => k / 100);
  const start = Float32Array.from({ length: C }, (_, c) => c + 1);
  const end = Float32Array.from({ length: C }, (_, c) => 10 * (c + 1));
  const e = Float32Array.from({ length: 2 * K }, (_, i) => i / 1000);
  const path = Int32Array.of(labels.tags.indexOf('B-A'), labels.tags.indexOf('L-A'));
  const k = s.classOf[path[0]] * C + s.classOf[path[1]];
  const want = e[path[0]] + e[K + path[1]] + start[s.classOf[path[0]]] + A[k] + S[k] + end[s.classOf[path[1]]];
  assert.ok(Math.abs(pathScore(e, 0, path, { constraints, crf: { structure: s, params: { A, S, start, end } } }) - want) < 1e-6);
});

test('catEntityLabels reads the labels seen with each positive category; checkCatEntityLabels rejects unknown names', () => {
  const eg = (text: string, cat: string, spans: [number, number, string][]): Example => ({
    text,
    tokens: tokenize(text),
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    cats: Object.fromEntries(cats.map((c) => [c, c === cat ? 1 : 0])),
  });
  const train = [eg('a b', 'X', [[0, 1, 'A']]), eg('b c', 'Y', [[0, 1, 'C'], [2, 3, 'B']]), eg('c', 'Y', []), eg('d', 'Z', [])];
  const labels: LabelSet = { ents, cats, tags: tagNames(ents, 'biluo'), tagScheme: 'biluo', exclusive: true };
  assert.deepEqual(catEntityLabels(train, labels), { X: ['A'], Y: ['B', 'C'], Z: [] });
  assert.doesNotThrow(() => checkCatEntityLabels({ ...labels, catEnts }, 'labels.json'));
  assert.throws(() => checkCatEntityLabels({ ...labels, catEnts: { X: ['Q'] } }, 'labels.json'), /catEnts/);
  assert.throws(() => checkCatEntityLabels({ ...labels, catEnts: { W: [] } }, 'labels.json'), /catEnts/);
  assert.throws(() => checkCatEntityLabels({ ...labels, catEnts, catPenalty: -1 }, 'labels.json'), /catPenalty/);
});

test("trainPipeline resolves catConsistent 'auto' (a penalty) on dev; 'on' predicts only allowed labels; save/load keeps the decision", async () => {
  const { loadSampleJoint } = await import('../../../lib/data/sample');
  const { devEvaluator, loadPipeline, trainPipeline } = await import('../../../lib/models');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  // Fully annotated texts with exactly one positive category: exclusive categories.
  const all = (await loadSampleJoint()).filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).filter((v) => v >= 0.5).length === 1);
  const train = all.slice(0, 160);
  const dev = all.slice(160, 240);
  assert.ok(dev.length >= 40, `${all.length} exclusive sample texts`);
  const small = { epochs: 3, batchSize: 16, encoder: { width: 24, depth: 1, attrs: ['NORM', 'PREFIX', 'SUFFIX', 'SHAPE'], rows: [500, 50, 200, 50] } } as const;
  const p = await trainPipeline(small, train, dev);
  try {
    assert.equal(p.labelSet.exclusive, true, 'the sample has exclusive categories');
    assert.ok(p.labelSet.catEnts, 'catEnts recorded');
    const decision = p.labelSet.catPenalty;
    assert.ok(typeof decision === 'number' && AUTO_PENALTIES.includes(decision), `catPenalty ${decision}`);
    // The decision is the first penalty with the best dev score.
    const scores = AUTO_PENALTIES.map((penalty) => {
      p.labelSet.catPenalty = penalty;
      return devEvaluator(p, dev)().score!;
    });
    p.labelSet.catPenalty = decision;
    assert.equal(decision, AUTO_PENALTIES[scores.indexOf(Math.max(...scores))], `dev scores ${scores.join(', ')}`);
    p.configureDecoding({ catConsistent: 'off' });
    assert.equal(devEvaluator(p, dev)().score, scores[0], "'off' = penalty 0");
    p.configureDecoding({ catConsistent: 'on' });
    assert.equal(devEvaluator(p, dev)().score, scores.at(-1), "'on' = the hard penalty");
    for (const pred of p.predict(dev.map((e) => e.text))) {
      const cat = Object.entries(pred.cats).sort((a, b) => b[1] - a[1])[0][0];
      for (const e of pred.ents) assert.ok(p.labelSet.catEnts![cat].includes(e.label), `${e.label} under ${cat}`);
    }
    p.configureDecoding({ catConsistent: 'auto' });
    const dir = join(mkdtempSync(join(tmpdir(), 'cat-consistent-')), 'model');
    await p.save(dir);
    const q = await loadPipeline(dir);
    assert.equal(q.labelSet.catPenalty, decision);
    assert.deepEqual(q.predict(dev.map((e) => e.text)), p.predict(dev.map((e) => e.text)));
    q.dispose();
    rmSync(dir, { recursive: true, force: true });
    assert.throws(() => p.configureDecoding({ catConsistent: 'yes' as never }), /catConsistent/);
  } finally {
    p.dispose();
  }
});

test("'auto' is resolved only where consistent decoding applies, and 'on' is refused where it does not: not for conditioned (its own CAT_ENT tags)", async () => {
  const { loadSampleJoint } = await import('../../../lib/data/sample');
  const { trainPipeline } = await import('../../../lib/models');
  const all = (await loadSampleJoint()).filter((e) => e.meta?.hasNer !== false && Object.values(e.cats).filter((v) => v >= 0.5).length === 1);
  const small = { epochs: 1, batchSize: 32, encoder: { width: 16, depth: 1, attrs: ['NORM', 'SHAPE'], rows: [200, 20] } } as const;
  for (const [scheme, applies] of [['shared', true], ['conditioned', false]] as const) {
    const p = await trainPipeline({ ...small, scheme }, all.slice(0, 120), all.slice(120, 160));
    try {
      assert.ok(p.labelSet.catEnts, `${scheme}: catEnts recorded`);
      assert.equal(p.catConsistentApplies(), applies, scheme);
      assert.equal(typeof p.labelSet.catPenalty === 'number', applies, `${scheme}: catPenalty ${p.labelSet.catPenalty}`);
      // 'on' where it cannot apply is an error naming why, not a silent no-op.
      if (applies) p.configureDecoding({ catConsistent: 'on' });
      else assert.throws(() => p.configureDecoding({ catConsistent: 'on' }), /catConsistent "on" needs a tagger over the entity labels themselves; scheme conditioned\.v1 tags its own label set/);
      if (!applies) {
        const { validateConfig } = await import('../../../lib/models/config/config');
        assert.throws(() => validateConfig({ scheme, heads: { tagger: { catConsistent: 'on' } } }), /catConsistent = "on" does not apply to scheme conditioned/);
      }
    } finally {
      p.dispose();
    }
  }
});
