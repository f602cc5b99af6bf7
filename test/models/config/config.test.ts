import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configHash, defaultConfig, registerScheme, schemes, validateConfig } from '../../../lib/models';
import { withoutNeutral, type SectionSpec } from '../../../lib/models/config/schema';

test('defaultConfig() is valid, complete and records the versioned scheme', () => {
  const c = defaultConfig();
  assert.equal(c.scheme, 'shared.v1');
  assert.equal(c.encoder.architecture, 'hash-cnn.v1');
  assert.deepEqual(validateConfig(c), c);
  assert.equal(c.encoder.attrs.length, c.encoder.rows.length);
  assert.notEqual(defaultConfig(), defaultConfig(), 'fresh objects');
});

test('validateConfig fills defaults for missing keys, nested too', () => {
  const c = validateConfig({ encoder: { width: 64 }, epochs: 3 });
  assert.equal(c.encoder.width, 64);
  assert.equal(c.encoder.depth, defaultConfig().encoder.depth);
  assert.equal(c.epochs, 3);
  assert.equal(c.heads.tagger.decoder, defaultConfig().heads.tagger.decoder);
});

test('validateConfig does not modify its input', () => {
  const input = { encoder: { width: 64 } };
  validateConfig(input);
  assert.deepEqual(input, { encoder: { width: 64 } });
});

test('validateConfig rejects unknown keys with a did-you-mean naming the key path', () => {
  assert.throws(() => validateConfig({ epoch: 3 }), (e: Error) => /E009/.test(e.message) && /"epoch"/.test(e.message) && /did you mean "epochs"/.test(e.message));
  assert.throws(() => validateConfig({ encoder: { widht: 3 } }), /E009.*"encoder\.widht".*did you mean "encoder\.width"/);
  assert.throws(() => validateConfig({ width: 64 }), /E009.*"width".*did you mean "encoder\.width"/, 'a key in the wrong section');
  assert.throws(() => validateConfig({ heads: { ner: {} } }), /E009.*"heads\.ner"/);
});

test('validateConfig names the key path and the bad value', () => {
  assert.throws(() => validateConfig({ encoder: { width: -1 } }), /E010.*encoder\.width = -1 is invalid: expected >= 4/);
  assert.throws(() => validateConfig({ encoder: { width: 12.5 } }), /encoder\.width = 12\.5 is invalid: expected an integer/);
  assert.throws(() => validateConfig({ dropout: 1.5 }), /dropout = 1\.5 is invalid: expected <= 0\.9/);
  assert.throws(() => validateConfig({ learnRate: 0 }), /learnRate = 0 is invalid: expected > 0/);
  assert.throws(() => validateConfig({ heads: { tagger: { decoder: 'crff' } } }), /heads\.tagger\.decoder = "crff" is invalid: expected one of "crf", "softmax" \(did you mean "crf"\?\)/);
  assert.throws(() => validateConfig({ encoder: { attrs: ['NORM', 'PREFX'] } }), /encoder\.attrs\[1\] = "PREFX".*did you mean "PREFIX"/);
  assert.throws(() => validateConfig({ training: { restoreBest: 'yes' } }), /training\.restoreBest = "yes" is invalid: expected true or false/);
  assert.throws(() => validateConfig({ encoder: 5 }), /E010.*encoder must be an object, got 5/);
  assert.throws(() => validateConfig([]), /E010.*config must be an object/);
});

test('validateConfig checks encoder.rows against encoder.attrs, and fills rows for given attrs', () => {
  assert.throws(() => validateConfig({ encoder: { attrs: ['NORM'], rows: [10, 20] } }), /E010.*encoder\.rows has 2 entries but encoder\.attrs has 1/);
  assert.throws(() => validateConfig({ encoder: { attrs: ['NORM', 'NORM'] } }), /encoder\.attrs lists "NORM" twice/);
  const c = validateConfig({ encoder: { attrs: ['NORM', 'SUFFIX4'] } });
  assert.equal(c.encoder.rows.length, 2);
});

test('validateConfig resolves scheme names and rejects unknown ones with a suggestion', () => {
  assert.equal(validateConfig({ scheme: 'separate' }).scheme, 'separate.v1');
  assert.equal(validateConfig({ scheme: 'separate.v1' }).scheme, 'separate.v1');
  assert.throws(() => validateConfig({ scheme: 'shard' }), /E012.*unknown scheme "shard"; did you mean "shared"\?/);
  assert.throws(() => validateConfig({ scheme: 3 }), /E010.*scheme = 3/);
  assert.throws(() => validateConfig({ encoder: { architecture: 'lstm' } }), /E012.*encoder architecture "lstm"/);
});

test('schemeOptions are validated against the selected scheme (defaults, unknown keys)', () => {
  const base = schemes.get('shared').item;
  registerScheme('test-options', 1, {
    ...base,
    description: 'Test only: a scheme with options.\nNo published idea.',
    options: { threshold: { kind: 'number', default: 0.5, min: 0, max: 1, doc: 'A threshold.' } },
  });
  assert.deepEqual(validateConfig({ scheme: 'test-options' }).schemeOptions, { threshold: 0.5 });
  assert.throws(() => validateConfig({ scheme: 'test-options', schemeOptions: { treshold: 0.2 } }), /E009.*"schemeOptions\.treshold".*did you mean "schemeOptions\.threshold"/);
  assert.throws(() => validateConfig({ scheme: 'test-options', schemeOptions: { threshold: 2 } }), /schemeOptions\.threshold = 2 is invalid/);
  assert.throws(() => validateConfig({ schemeOptions: { threshold: 0.2 } }), /E009.*schemeOptions\.threshold/, 'shared has no options');
});

test('registerScheme requires a two-line description and refuses duplicates', () => {
  const base = schemes.get('shared').item;
  assert.throws(() => registerScheme('test-bad', 1, { ...base, description: 'one line' }), /E407.*two-line description/);
  assert.throws(() => registerScheme('shared', 1, base), /already registered/);
});

test('configHash(config) is stable: defaults, key order and scheme version do not change it', () => {
  const h = configHash({});
  assert.match(h, /^[0-9a-f]{16}$/);
  assert.equal(configHash(defaultConfig()), h);
  assert.equal(configHash({ scheme: 'shared' }), configHash({ scheme: 'shared.v1' }));
  assert.equal(configHash({ epochs: 3, encoder: { width: 64, depth: 2 } }), configHash({ encoder: { depth: 2, width: 64 }, epochs: 3 }));
  assert.notEqual(configHash({ encoder: { width: 64 } }), h);
  assert.notEqual(configHash({ scheme: 'separate' }), h);
});

test('configHash leaves out keys at their neutral value: adding an option that is off keeps every hash (and every cached run)', () => {
  // The hashes of these configs before schemeOptions.tokenCats existed (commit 3c88224). A key added
  // to the schema without `neutral` changes them all: give it one, or change these knowingly.
  assert.equal(configHash({}), '8d4f533843519623');
  assert.equal(configHash({ scheme: 'separate' }), 'd0c33a16a49cd02c');
  assert.equal(configHash({ scheme: 'label-token', encoder: { width: 64 } }), '9ec4e9dca8cd6eca');
  assert.equal(configHash({ schemeOptions: { tokenCats: 0 } }), configHash({}));
  // Any other value is hashed.
  assert.notEqual(configHash({ schemeOptions: { tokenCats: 1 } }), configHash({}));
  assert.notEqual(configHash({ schemeOptions: { tokenCats: 0.5 } }), configHash({ schemeOptions: { tokenCats: 1 } }));
  assert.equal(validateConfig({}).schemeOptions.tokenCats, 0, 'validation still fills the key');
});

test('withoutNeutral drops a leaf only at its own neutral value, in nested sections too', () => {
  const spec: SectionSpec = {
    a: { kind: 'int', default: 0, neutral: 0, doc: 'a' },
    b: { kind: 'number', default: 0, doc: 'no neutral: always kept' },
    inner: { kind: 'section', doc: 'inner', fields: { c: { kind: 'number', default: 2, neutral: 0, doc: 'c' }, d: { kind: 'int', default: 1, neutral: 1, doc: 'd' } } },
  };
  assert.deepEqual(withoutNeutral({ a: 0, b: 0, inner: { c: 0, d: 1 } }, spec), { b: 0, inner: {} });
  assert.deepEqual(withoutNeutral({ a: 3, b: 0, inner: { c: 2, d: 4 } }, spec), { a: 3, b: 0, inner: { c: 2, d: 4 } });
});

test('validateConfig rejects keys inherited from Object.prototype (constructor, toString, __proto__) as unknown (E009)', () => {
  assert.throws(() => validateConfig({ constructor: 1 }), /E009.*unknown key "constructor"/);
  assert.throws(() => validateConfig({ encoder: { toString: 5 } }), /E009.*unknown key "encoder\.toString"/);
  assert.throws(() => validateConfig(JSON.parse('{"__proto__": {"epochs": 1}}')), /E009.*unknown key "__proto__"/);
  assert.throws(() => validateConfig(JSON.parse('{"training": {"hasOwnProperty": true}}')), /E009.*unknown key "training\.hasOwnProperty"/);
  assert.throws(() => validateConfig({ encoder: { attrs: ['constructor'] } }), /E010.*encoder\.attrs\[0\] = "constructor"/);
});

test('validateConfig reports NaN and Infinity as themselves, not as null', () => {
  assert.throws(() => validateConfig({ learnRate: NaN }), /E010.*learnRate = NaN is invalid: expected a finite number/);
  assert.throws(() => validateConfig({ encoder: { width: NaN } }), /E010.*encoder\.width = NaN is invalid/);
  assert.throws(() => validateConfig({ training: { L2: Infinity } }), /E010.*training\.L2 = Infinity is invalid/);
  assert.throws(() => validateConfig({ scheme: NaN }), /E010.*scheme = NaN is invalid/);
});
