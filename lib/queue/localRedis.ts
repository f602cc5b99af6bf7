import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';

/** A throwaway redis-server on a loopback port (tests, the queue bench, trying a queue on one machine). */
export interface LocalRedis {
  url: string;
  port: number;
  pid: number;
  /** Stops the server and deletes its folder. */
  stop(): void;
}

/** A free TCP port on 127.0.0.1 (bound and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts Debian's `redis-server` on a free loopback port in a temporary folder, without persistence
 * and with `maxmemory-policy noeviction` (what BullMQ needs); with `password`, clients must
 * authenticate. Waits until it answers (E901 when redis-server is missing or does not start).
 */
export async function startLocalRedis(opts: { password?: string } = {}): Promise<LocalRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-redis-'));
  const port = await freePort();
  const pidfile = join(dir, 'redis.pid');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', dir, '--pidfile', pidfile, '--logfile', join(dir, 'redis.log'), '--maxmemory-policy', 'noeviction'];
  if (opts.password) args.push('--requirepass', opts.password);
  const started = spawnSync('redis-server', args, { encoding: 'utf8' });
  if (started.error || started.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new WorkbenchError('E901', `cannot start redis-server (${started.error?.message ?? started.stderr}); install it with \`apt-get install redis-server\``);
  }
  const deadline = Date.now() + 10_000;
  while (!existsSync(pidfile) || readFileSync(pidfile, 'utf8').trim() === '') {
    if (Date.now() > deadline) throw new WorkbenchError('E901', `redis-server did not start on port ${port} (see ${join(dir, 'redis.log')})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  const auth = opts.password ? `:${encodeURIComponent(opts.password)}@` : '';
  await waitForPing(port, opts.password, deadline);
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    pid,
    stop() {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(port: number, password: string | undefined, deadline: number): Promise<void> {
  for (;;) {
    try {
      const out = execFileSync('redis-cli', ['-p', String(port), ...(password ? ['--no-auth-warning', '-a', password] : []), 'ping'], { encoding: 'utf8' });
      if (out.trim() === 'PONG') return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new WorkbenchError('E901', `redis-server on port ${port} does not answer`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
