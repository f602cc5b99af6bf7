import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { WorkbenchError } from '../errors';
import type { QueueTarget } from './target';

/** Default seconds `openRedis` waits for an answer before giving up. */
export const CONNECT_TIMEOUT_SECONDS = 15;

/**
 * ioredis options of a target for BullMQ's own connections: reconnect forever with a capped
 * backoff (a long sweep survives a Redis restart), no per-command retry limit (BullMQ needs null).
 */
export function redisOptions(target: QueueTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username !== undefined ? { username: target.username } : {}),
    ...(target.password !== undefined ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * times, 5000),
  };
}

/**
 * A Redis client for the target that has answered PING. An unreachable server, a wrong or missing
 * password, or no answer within `timeoutSeconds` is an E901 error naming the URL (password masked).
 * Once connected, the client reconnects on its own like BullMQ's connections.
 */
export async function openRedis(target: QueueTarget, opts: { timeoutSeconds?: number } = {}): Promise<Redis> {
  const timeoutMs = (opts.timeoutSeconds ?? CONNECT_TIMEOUT_SECONDS) * 1000;
  const deadline = Date.now() + timeoutMs;
  let lastError: Error | undefined;
  const client = new Redis({
    ...redisOptions(target),
    lazyConnect: true,
    connectTimeout: Math.min(5000, timeoutMs),
    // Retry the first connection only until the deadline: a wrong URL must fail fast.
    retryStrategy: (times: number) => (Date.now() + 200 * times < deadline ? Math.min(200 * times, 1000) : null),
  });
  client.on('error', (err: Error) => {
    lastError = err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (err) {
    client.disconnect();
    throw new WorkbenchError('E901', `${target.display}: ${connectionProblem(lastError ?? (err as Error), err as Error)}`, { field: 'queue' });
  } finally {
    clearTimeout(timer);
  }
  client.options.retryStrategy = redisOptions(target).retryStrategy;
  return client;
}

/** A user-facing reason for a failed connection: refused, unknown host, password, timeout. */
function connectionProblem(cause: Error, final: Error): string {
  const text = `${cause.message} ${final.message}`;
  const code = (cause as NodeJS.ErrnoException).code;
  if (/NOAUTH/i.test(text)) return 'the server needs a password (put it in the URL: redis://:PASSWORD@host:port)';
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) return 'the user name or password is wrong';
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) return 'connection refused (is redis-server running there, on that port?)';
  if (code === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(text)) return 'unknown host';
  if (/no answer within/.test(final.message)) return `${final.message} (${cause === final ? 'is the host reachable?' : cause.message})`;
  return cause.message;
}
