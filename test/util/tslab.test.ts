import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inTslab, serializeSends, serializeTslabSends, tslabModule } from '../../lib/util/tslab';

/** A socket like zeromq 6's: a send started while another is pending throws EBUSY. */
function fakeSocketClass() {
  class FakeSocket {
    busy = false;
    sent: unknown[] = [];
    declare send: (message: unknown) => Promise<void>;
  }
  // Read-only, as zeromq's native Socket.prototype.send: subclasses cannot assign their own.
  Object.defineProperty(FakeSocket.prototype, 'send', { writable: false, configurable: false, value: nativeLikeSend });
  function nativeLikeSend(this: FakeSocket, message: unknown): Promise<void> {
    if (this.busy) throw Object.assign(new Error('Socket is busy writing; only one send operation may be in progress at any time'), { code: 'EBUSY' });
    this.busy = true;
    return new Promise((resolve) =>
      setTimeout(() => {
        this.busy = false;
        this.sent.push(message);
        resolve();
      }, 2),
    );
  }
  return FakeSocket;
}

test('two sends started together on an unpatched socket: the second throws EBUSY (what killed tslab kernels)', () => {
  const Socket = fakeSocketClass();
  const s = new Socket();
  void s.send('a');
  assert.throws(() => s.send('b'), /Socket is busy writing/);
});

test('serializeSends: sends started together, none awaited, are all delivered in order, each socket on its own', async () => {
  // As zeromq's Publisher: a subclass inheriting the read-only native send.
  class Publisher extends fakeSocketClass() {}
  serializeSends(Publisher.prototype);
  serializeSends(Publisher.prototype); // idempotent: one wrapper
  const a = new Publisher();
  const b = new Publisher();
  const sends = ['status busy', 'display 1', 'display 2', 'status idle'].map((m) => a.send(m));
  const other = b.send('b1');
  await Promise.all([...sends, other]);
  assert.deepEqual(a.sent, ['status busy', 'display 1', 'display 2', 'status idle']);
  assert.deepEqual(b.sent, ['b1']);
});

test('serializeSends: a failed send rejects its own promise and does not block the next', async () => {
  class Flaky {
    sent: unknown[] = [];
    send(message: unknown): Promise<void> {
      if (message === 'bad') return Promise.reject(new Error('closed'));
      this.sent.push(message);
      return Promise.resolve();
    }
  }
  serializeSends(Flaky.prototype);
  const s = new Flaky();
  const bad = s.send('bad');
  const good = s.send('good');
  await assert.rejects(bad, /closed/);
  await good;
  assert.deepEqual(s.sent, ['good']);
});

test('serializeTslabSends: outside a tslab kernel it does nothing', () => {
  assert.equal(serializeTslabSends(), false);
});

test("serializeTslabSends: in a tslab kernel, zeromq's Publisher and Router sends are serialized", async () => {
  const Base = fakeSocketClass();
  class Publisher extends Base {}
  class Router extends Base {}
  const g = globalThis as { __tslab__?: unknown };
  g.__tslab__ = { require: (id: string) => (id === 'zeromq' ? { Publisher, Router } : undefined) };
  try {
    assert.equal(serializeTslabSends(), true);
  } finally {
    delete g.__tslab__;
  }
  const iopub = new Publisher();
  const shell = new Router();
  await Promise.all([iopub.send('display'), iopub.send('status'), shell.send('reply'), shell.send('reply 2')]);
  assert.deepEqual(iopub.sent, ['display', 'status']);
  assert.deepEqual(shell.sent, ['reply', 'reply 2']);
});

test('tslabModule: the kernel\'s tslab module, its sends serialized first; undefined outside tslab', () => {
  assert.equal(tslabModule(), undefined);
  assert.equal(inTslab(), false);
  class Publisher extends fakeSocketClass() {}
  const tslab = { display: {} };
  const g = globalThis as { __tslab__?: unknown };
  g.__tslab__ = { require: (id: string) => (id === 'tslab' ? tslab : id === 'zeromq' ? { Publisher } : undefined) };
  try {
    assert.equal(inTslab(), true);
    assert.equal(Object.hasOwn(Publisher.prototype, 'send'), false);
    assert.equal(tslabModule(), tslab);
    assert.equal(Object.hasOwn(Publisher.prototype, 'send'), true);
  } finally {
    delete g.__tslab__;
  }
});
