import { InvalidArgumentError, type Command } from 'commander';

/** Commander parser of a whole number ≥ 1 (a bad value is a usage error naming it). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

/** The queue URL of a command: --queue, else env WORKBENCH_QUEUE, else a usage error (exit 2). */
export function queueUrl(given: string | undefined, command: Command): string {
  const url = given ?? process.env.WORKBENCH_QUEUE;
  if (!url) command.error('error: --queue <url> is required (or set WORKBENCH_QUEUE), e.g. --queue redis://:PASSWORD@host:6379', { exitCode: 2 });
  return url!;
}
