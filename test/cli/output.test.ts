import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { drained, hasReader, writeRecords } from '../../lib/cli/output';

/** A pipe whose reader goes away after `accepted` writes: later writes fail with EPIPE, as `| head` does. */
function pipeClosingAfter(accepted: number, highWaterMark = 16): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk, _enc, cb) {
      if (received.length >= accepted) return setImmediate(() => cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      received.push(String(chunk));
      setImmediate(() => cb());
    },
  });
  stream.on('error', () => {}); // bin/workbench.js's handler: EPIPE is not a crash
  return { stream, received };
}

test('writeRecords to a pipe whose reader goes away: stops reading the source (its finally runs) and resolves to the count written', async () => {
  const { stream, received } = pipeClosingAfter(3);
  let pulled = 0;
  let closed = false;
  async function* source(): AsyncGenerator<{ i: number }> {
    try {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { i };
      }
    } finally {
      closed = true;
    }
  }
  const n = await writeRecords(source(), undefined, stream);
  assert.deepEqual(received, ['{"i":0}\n', '{"i":1}\n', '{"i":2}\n']);
  assert.ok(n >= 3 && n < 10, `count ${n}`);
  assert.ok(pulled < 10, `pulled ${pulled} of 1000 records`);
  assert.equal(closed, true, 'the source iterator was closed');
  assert.equal(hasReader(stream), false);
});

test('writeRecords to a pipe that keeps its reader writes every record, waiting for drain', async () => {
  const { stream, received } = pipeClosingAfter(Infinity, 8);
  async function* source(): AsyncGenerator<number> {
    for (let i = 0; i < 50; i++) yield i;
  }
  assert.equal(await writeRecords(source(), undefined, stream), 50);
  assert.equal(hasReader(stream), true);
  await new Promise((resolve) => stream.end(resolve));
  assert.equal(received.length, 50);
  assert.equal(received[49], '49\n');
});

test('drained resolves false when the stream fails or is destroyed while waiting, true on drain', async () => {
  const failing = pipeClosingAfter(0, 1).stream;
  failing.write('x');
  assert.equal(await drained(failing), false);
  const destroyed = pipeClosingAfter(Infinity, 1).stream;
  destroyed.write('x');
  const waiting = drained(destroyed);
  destroyed.destroy();
  assert.equal(await waiting, false);
  const ok = pipeClosingAfter(Infinity, 1).stream;
  ok.write('x');
  assert.equal(await drained(ok), true);
});
