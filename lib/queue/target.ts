import { WorkbenchError } from '../errors';

/** A queue as given by the user: a Redis URL, or the URL with the key prefix and the attempts per run. */
export type QueueOption = string | QueueSpec;

/** The object form of a queue option. */
export interface QueueSpec {
  /** redis://[user:password@]host:port[/db] (rediss:// for TLS). */
  url: string;
  /** Prefix of every Redis key of the queue (default 'workbench'): one Redis can hold several sweeps' queues. */
  prefix?: string;
  /** Times a run is tried before it counts as failed (default 2); a lost worker does not use up an attempt. */
  attempts?: number;
}

/** A parsed queue option: connection fields for ioredis, the masked URL for messages, prefix and attempts. */
export interface QueueTarget {
  /** The URL with its password replaced by '***' (what messages show). */
  display: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  prefix: string;
  attempts: number;
}

/** Name of the BullMQ queue of runs (inside the prefix). */
export const QUEUE_NAME = 'runs';
/** Default key prefix. */
export const DEFAULT_PREFIX = 'workbench';
/** Default attempts per run. */
export const DEFAULT_ATTEMPTS = 2;

/**
 * Parses a queue option (E902 naming the masked URL when it is not redis://host:port[/db]). The
 * password may be percent-encoded in the URL; it is never part of a message.
 */
export function parseQueueTarget(option: QueueOption): QueueTarget {
  const spec: QueueSpec = typeof option === 'string' ? { url: option } : option;
  if (spec === null || typeof spec !== 'object' || typeof spec.url !== 'string' || spec.url === '') {
    throw new WorkbenchError('E902', 'queue must be a redis:// URL or { url, prefix?, attempts? }', { field: 'queue' });
  }
  const display = maskUrl(spec.url);
  let url: URL;
  try {
    url = new URL(spec.url);
  } catch {
    throw new WorkbenchError('E902', `not a URL: ${display} (expected redis://[user:password@]host:port[/db])`, { field: 'queue' });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new WorkbenchError('E902', `${display} is not a redis:// or rediss:// URL`, { field: 'queue' });
  }
  if (url.hostname === '') throw new WorkbenchError('E902', `${display} names no host`, { field: 'queue' });
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbPart = url.pathname.replace(/^\//, '');
  const db = dbPart === '' ? 0 : Number(dbPart);
  if (!Number.isInteger(db) || db < 0) throw new WorkbenchError('E902', `${display}: the database must be a number, got "${dbPart}"`, { field: 'queue' });
  const prefix = spec.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new WorkbenchError('E902', `prefix must be letters, digits, '.', '_' or '-', got ${JSON.stringify(prefix)}`, { field: 'queue.prefix' });
  }
  const attempts = spec.attempts ?? DEFAULT_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 1) throw new WorkbenchError('E902', `attempts must be a whole number ≥ 1, got ${JSON.stringify(attempts)}`, { field: 'queue.attempts' });
  return {
    display,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
    prefix,
    attempts,
  };
}

/** The URL with any password replaced by '***' (a string that is not a URL loses everything up to its last '@'). */
export function maskUrl(url: string): string {
  // Greedy up to the last '@': an unencoded '@' in the password must not leave its tail visible.
  const m = url.match(/^([a-z][a-z0-9+.-]*:\/\/)(.*)@([^@]*)$/is);
  if (m) return m[2].includes(':') ? `${m[1]}${m[2].slice(0, m[2].indexOf(':'))}:***@${m[3]}` : url;
  return url.includes('@') ? url.replace(/^.*@/s, '***@') : url;
}

/**
 * The queue a sweep uses: `option` when given; `null` means in-process even when WORKBENCH_QUEUE is
 * set; undefined falls back to WORKBENCH_QUEUE (so notebooks switch to a queue without edits).
 */
export function resolveQueueOption(option: QueueOption | null | undefined, env: NodeJS.ProcessEnv = process.env): QueueTarget | undefined {
  if (option === null) return undefined;
  if (option !== undefined) return parseQueueTarget(option);
  const fromEnv = env.WORKBENCH_QUEUE;
  return fromEnv ? parseQueueTarget(fromEnv) : undefined;
}

/** Redis key of a dataset split stored by its fingerprint. */
export function dataKey(target: QueueTarget, fingerprint: string): string {
  return `${target.prefix}:${QUEUE_NAME}:data:${fingerprint}`;
}

/** Redis key that marks a run as cancelled (checked by workers before they start it). */
export function cancelKey(target: QueueTarget, runKey: string): string {
  return `${target.prefix}:${QUEUE_NAME}:cancel:${runKey}`;
}

/** Pub/sub channel on which cancellations reach the workers holding the runs. */
export function cancelChannel(target: QueueTarget): string {
  return `${target.prefix}:${QUEUE_NAME}:cancel`;
}
