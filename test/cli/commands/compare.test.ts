import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE, TINY_CONFIG, tempDir, workbench } from '../helpers';

test('compare writes the scheme comparison as one HTML page; a re-run resumes from the cached runs', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const output = join(dir, 'report.html');
  const args = ['compare', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--schemes', 'shared', '--seeds', '2', '--config', config, '--no-curves', '--output', output];
  const r = await workbench(args);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /sample: 149 train, 34 dev, 57 test texts; 2 schemes × 2 seeds/);
  // Not a terminal: a line per epoch (2 per run) and a line per finished run.
  assert.equal(r.stderr.match(/^  sample (separate|shared) seed=[01] · epoch [12]\/2 dev \d\.\d{3}$/gm)?.length, 8);
  assert.equal(r.stderr.match(/^\[#*-*\] \d\/4 runs/gm)?.length, 4);
  assert.match(r.stdout, /^shared +ents_f +-?\d+\.\d\d points vs separate \(95% CI/m);
  const page = readFileSync(output, 'utf8');
  for (const part of ['Table 1. Schemes compared (2)', 'Table 3 (sample)', 'Table 4. Each scheme minus separate', 'Figure 2 (sample)', 'Generated conclusion']) assert.ok(page.includes(part), part);
  assert.equal(readdirSync(join(dir, 'report-runs')).filter((f) => f.endsWith('.json')).length, 4);
  const again = await workbench(args);
  assert.equal(again.code, 0);
  assert.equal(again.stderr.match(/\(resumed\)/g)?.length, 4);
});

test('compare: an unknown scheme exits 2 with the usage; a config that fails validation exits 1 with its code', async () => {
  const dir = tempDir();
  const r = await workbench(['compare', '--data', SAMPLE.mixed, '--schemes', 'shared,bogus', '--output', join(dir, 'r.html')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown scheme "bogus"; registered: /);
  assert.match(r.stderr, /Usage: workbench compare/);
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ epochz: 2 }));
  const c = await workbench(['compare', '--data', SAMPLE.mixed, '--config', config, '--output', join(dir, 'r.html')]);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /^\[E009\]/);
});

test('compare --queue: an unreachable Redis exits 1 with E901 naming the URL, its password masked', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const r = await workbench(['compare', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--schemes', 'shared', '--seeds', '1', '--config', config, '--no-curves', '--output', join(dir, 'r.html'), '--queue', 'redis://:hunter2@127.0.0.1:1']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\[E901\] .*redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
  assert.ok(!r.stderr.includes('hunter2'));
  assert.equal(readdirSync(join(dir)).filter((f) => f.endsWith('.html')).length, 0, 'no report without runs');
});

test('compare --jobs 2 trains the runs in child processes and resumes like a local sweep; --jobs 0 is a usage error', async () => {
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const output = join(dir, 'report.html');
  const args = ['compare', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--schemes', 'shared', '--seeds', '1', '--config', config, '--no-curves', '--output', output, '--jobs', '2'];
  const r = await workbench(args);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.match(/^  sample (separate|shared) seed=0 · epoch [12]\/2 dev \d\.\d{3}$/gm)?.length, 4);
  assert.equal(readdirSync(join(dir, 'report-runs')).filter((f) => f.endsWith('.json')).length, 2);
  assert.match(r.stdout, /report written to /);
  const again = await workbench(args);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr.match(/\(resumed\)/g)?.length, 2);
  const bad = await workbench(['compare', '--data', SAMPLE.mixed, '--output', join(dir, 'r.html'), '--jobs', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /option '--jobs <n>' argument '0' is invalid\. expected a whole number ≥ 1, got "0"/);
  const help = await workbench(['compare', '--help']);
  assert.match(help.stdout.replace(/\s+/g, ' '), /--jobs <n> runs trained at once, each in a child process \(one core each\); default 1/);
});
