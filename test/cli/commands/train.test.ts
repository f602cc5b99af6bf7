import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE, TINY_CONFIG, tempDir, workbench, writeLines } from '../helpers';

test('train: one line per epoch with dev scores, a final table, the pipeline saved; a partial config is completed', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const out = join(dir, 'model');
  const r = await workbench(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--config', config, '--scheme', 'separate', '--seed', '3', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /192 train texts, 48 dev texts \(20% of the data, seed 3\)/);
  assert.equal(r.stdout.match(/^epoch +\d+ +ents_f \d\.\d{3} +cats_acc \d\.\d{3}/gm)?.length, 2);
  assert.match(r.stdout, /Dev scores \(48 texts, kept weights\)\nmetric +value/);
  assert.match(r.stdout, /^sentence_acc +[\d.]+$/m);
  assert.match(r.stdout, /Entities per type\ntype +p +r +f +support/);
  assert.ok(existsSync(join(out, 'manifest.json')));
  const saved = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.equal(saved.scheme, 'separate.v1');
  assert.equal(saved.seed, 3);
  assert.equal(saved.epochs, 2);
  assert.equal(saved.encoder.width, 32);
  assert.equal(typeof saved.training.patience, 'number'); // filled from the defaults
  // Not a terminal: no progress bar redraws.
  assert.doesNotMatch(r.stderr, /\r/);
});

test('train --data on a mixed Prodigy file splits it by task kind', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const r = await workbench(['train', '--data', SAMPLE.mixed, '--dev-split', '0.25', '--config', config, '--output', join(dir, 'm')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /mixed\.jsonl \(prodigy\): 30 train texts, 10 dev texts \(25% of the data/);
});

test('train on a bad span exits 1 with the coded error naming file, line and field', async () => {
  const dir = tempDir();
  const ner = writeLines(dir, 'ner.jsonl', [
    { text: 'fly to Paris now', spans: [{ start: 7, end: 12, label: 'CITY' }] },
    { text: 'a hotel in Rome', spans: [{ start: 11, end: 40, label: 'CITY' }] },
  ]);
  const textcat = writeLines(dir, 'textcat.jsonl', [{ text: 'fly to Paris now', label: 'FLIGHT', answer: 'accept' }]);
  const r = await workbench(['train', '--ner', ner, '--textcat', textcat, '--output', join(dir, 'm')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E004\] Span out of range \(.*ner\.jsonl:2, field "spans\[0\]\.end"\)/);
  assert.ok(!existsSync(join(dir, 'm')));
});

test('train with bad arguments prints the usage and exits 2', async () => {
  const noOutput = await workbench(['train', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat]);
  assert.equal(noOutput.code, 2);
  assert.match(noOutput.stderr, /required option '--output <dir>' not specified/);
  assert.match(noOutput.stderr, /Usage: workbench train/);
  const half = await workbench(['train', '--ner', SAMPLE.ner, '--output', '/tmp/x']);
  assert.equal(half.code, 2);
  assert.match(half.stderr, /--ner needs --textcat too/);
  const split = await workbench(['train', '--data', SAMPLE.mixed, '--dev-split', '2', '--output', '/tmp/x']);
  assert.equal(split.code, 2);
  assert.match(split.stderr, /'--dev-split' must be a fraction between 0 and 1, got "2"/);
});

test('train with a config file that is not JSON exits 1 with E803 naming the file', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, '{epochs: 2}');
  const r = await workbench(['train', '--data', SAMPLE.mixed, '--config', config, '--output', join(dir, 'm')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^\[E803\] Invalid config file \(.*config\.json\): not valid JSON/);
});
