// `workbench compare --queue`: the comparison's runs are trained by a worker process, and the report
// is the same page a local compare writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE, TINY_CONFIG } from '../cli/helpers';
import { tempDir } from '../experiments/helpers';
import { spawnTs, startWorkerProcess, useLocalRedis } from './helpers';

const redis = useLocalRedis();

test('compare --queue URL --queue-prefix P: every run is trained by the worker and the report is written', { timeout: 120_000 }, async () => {
  const worker = startWorkerProcess(redis.url, 'cmp');
  await worker.waitFor(/^worker ready/);
  const dir = tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(TINY_CONFIG));
  const output = join(dir, 'report.html');
  const args = ['compare', '--ner', SAMPLE.ner, '--textcat', SAMPLE.textcat, '--schemes', 'shared', '--seeds', '2', '--config', config, '--no-curves', '--output', output];
  const coord = spawnTs('test/queue/cli.ts', [...args, '--queue', redis.url, '--queue-prefix', 'cmp']);
  const exit = await coord.exited;
  assert.equal(exit.code, 0, coord.stderr.join('\n'));
  assert.equal(worker.lines.filter((l) => l.startsWith('finished ')).length, 4, worker.lines.join('\n'));
  assert.equal(readdirSync(join(dir, 'report-runs')).filter((f) => f.endsWith('.json')).length, 4);
  assert.ok(readFileSync(output, 'utf8').includes('Generated conclusion'));
  // The same command without the queue loads the four runs the worker trained.
  const local = spawnTs('test/queue/cli.ts', args);
  assert.equal((await local.exited).code, 0);
  assert.equal(local.stderr.join('\n').match(/\(resumed\)/g)?.length, 4);
  worker.child.kill('SIGTERM');
  assert.equal((await worker.exited).code, 0);
});
