// tslab 1.0.22 sends its Jupyter messages with zeromq 6's `socket.send()` without awaiting it. A send
// started while the previous one on the same socket is still pending throws EBUSY ("Socket is busy
// writing"); inside tslab's message handler that is an unhandled rejection, and the kernel dies (the
// notebook fails with DeadKernelError). It happens in long cells that update a display while the
// kernel publishes its busy/idle status. Chaining each socket's sends removes the overlap; the
// workbench's displays reach tslab through tslabModule, which installs it.

/** A socket class prototype with zeromq's `send(message): Promise<void>`. */
export interface SendingPrototype {
  send(message: unknown): Promise<void>;
}

const patched = new WeakSet<object>();

/**
 * Makes `send` on instances of `proto` wait for the same socket's previous send, so no two overlap;
 * each call still returns a promise of its own send. Idempotent per prototype.
 */
export function serializeSends(proto: SendingPrototype): void {
  if (patched.has(proto)) return;
  const send = proto.send;
  const pending = new WeakMap<object, Promise<unknown>>();
  const serialized = function (this: object, message: unknown): Promise<void> {
    const previous = pending.get(this);
    const mine = previous ? previous.then(() => send.call(this, message)) : send.call(this, message);
    // The next send waits for this one to settle, whether it failed or not; a failure still rejects `mine`.
    pending.set(this, mine.catch(() => undefined));
    return mine;
  };
  // An own property: zeromq's native Socket.prototype.send is read-only, so plain assignment throws.
  Object.defineProperty(proto, 'send', { value: serialized, writable: true, configurable: true, enumerable: false });
  patched.add(proto);
}

type TslabKernel = { require: (id: string) => unknown };

/** The tslab kernel this process runs in (tslab sets globalThis.__tslab__), or undefined. */
function tslabKernel(): TslabKernel | undefined {
  const kernel = (globalThis as { __tslab__?: Partial<TslabKernel> }).__tslab__;
  return typeof kernel?.require === 'function' ? (kernel as TslabKernel) : undefined;
}

/** Whether this process is a tslab kernel. */
export function inTslab(): boolean {
  return tslabKernel() !== undefined;
}

/**
 * The `tslab` module of the kernel this process runs in (its display functions), with its sockets'
 * sends serialized first (a display updated during a long cell would otherwise kill the kernel);
 * undefined outside tslab.
 */
export function tslabModule<T>(): T | undefined {
  const kernel = tslabKernel();
  if (!kernel) return undefined;
  serializeTslabSends();
  return kernel.require('tslab') as T;
}

type Zmq = { Publisher?: { prototype: SendingPrototype }; Router?: { prototype: SendingPrototype } };

/**
 * In a tslab kernel, serializes the sends of the zeromq sockets tslab uses (IOPub publisher, shell and
 * control routers); returns false outside tslab or when its zeromq cannot be loaded.
 */
export function serializeTslabSends(): boolean {
  const kernel = tslabKernel();
  if (!kernel) return false;
  let zmq: Zmq | undefined;
  try {
    zmq = kernel.require('zeromq') as Zmq | undefined;
  } catch {
    return false;
  }
  const protos = [zmq?.Publisher?.prototype, zmq?.Router?.prototype].filter((p): p is SendingPrototype => typeof p?.send === 'function');
  // Publisher and Router inherit `send` from the same native Socket.prototype: each gets its own wrapper.
  try {
    for (const p of protos) serializeSends(p);
  } catch {
    return false; // a zeromq whose sockets cannot be wrapped: displays still work, unprotected
  }
  return protos.length > 0;
}
