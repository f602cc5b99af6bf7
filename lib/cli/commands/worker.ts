import { Option, type Command } from 'commander';
import { DEFAULT_PREFIX } from '../../queue/target';
import { startWorker, WORKER_DEFAULTS } from '../../queue/worker';
import type { CliCommand } from '../command';
import { positiveInt, queueUrl } from '../queueOption';

/** `workbench worker --queue URL [--concurrency N] [--prefix P]`: trains queued runs until SIGTERM. */
export const workerCommand: CliCommand = {
  name: 'worker',
  register(program: Command) {
    program
      .command('worker')
      .description('Pull runs from a sweep queue (Redis) and train each in a child process of its own, until SIGTERM/SIGINT.')
      .option('--queue <url>', 'redis://[user:password@]host:port[/db] (default: env WORKBENCH_QUEUE)')
      .option('--concurrency <n>', 'runs trained at once, one core each', positiveInt, 1)
      .option('--prefix <p>', 'Redis key prefix of the queue', DEFAULT_PREFIX)
      .addOption(new Option('--lock-duration <ms>', 'milliseconds a lost worker keeps its run before another worker may take it').argParser(positiveInt).default(WORKER_DEFAULTS.lockDuration))
      .addOption(new Option('--stalled-interval <ms>', 'milliseconds between checks for runs of lost workers').argParser(positiveInt).default(WORKER_DEFAULTS.stalledInterval))
      .action(async (o: { queue?: string; concurrency: number; prefix: string; lockDuration: number; stalledInterval: number }, command: Command) => {
        const worker = await startWorker({ queue: { url: queueUrl(o.queue, command), prefix: o.prefix }, concurrency: o.concurrency, lockDuration: o.lockDuration, stalledInterval: o.stalledInterval });
        // First SIGTERM/SIGINT: take no new runs and let the running ones finish; a second one hands them back.
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = (signal: string): void => {
            if (!stopping) {
              stopping = true;
              process.stdout.write(`${signal}: taking no new runs; waiting for ${worker.active} running (${signal} again hands them back)\n`);
              void worker.close().then(resolve);
            } else {
              process.stdout.write(`${signal}: handing the running runs back to the queue\n`);
              void worker.close({ handBack: true }).then(resolve);
            }
          };
          process.on('SIGTERM', () => stop('SIGTERM'));
          process.on('SIGINT', () => stop('SIGINT'));
        });
        process.stdout.write('worker stopped\n');
      });
  },
};
