// The child side of forkChild: one request in, messages out, then exit.
import type { Serializable } from 'node:child_process';

/** Sends `message` to the parent process; resolves once it is handed to the IPC channel. */
export function sendToParent(message: Serializable): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

/**
 * Serves the one request of a forked child: runs `work(request)`, sends its final message (or
 * `{ type: 'error', message, stack }` when it throws), then exits so the memory of the work returns
 * to the operating system. A parent that disconnects first (killed, machine lost) ends it at once.
 */
export function serveRequest<Request>(work: (request: Request) => Promise<Serializable>): void {
  let finished = false;
  process.on('disconnect', () => process.exit(finished ? 0 : 1));
  process.once('message', (request: Request) => {
    work(request)
      .then((answer) => sendToParent(answer))
      .catch((err: Error) => sendToParent({ type: 'error', message: err?.message ?? String(err), stack: err?.stack }))
      .finally(() => {
        finished = true;
        process.exit(0);
      });
  });
}
