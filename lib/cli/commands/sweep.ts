import type { Command } from 'commander';
import { cancelSweep } from '../../queue/cancel';
import { DEFAULT_PREFIX } from '../../queue/target';
import type { CliCommand } from '../command';
import { queueUrl } from '../queueOption';

/** `workbench sweep cancel --queue URL [--prefix P]`: removes the queue's waiting runs and stops its active ones. */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  register(program: Command) {
    const sweep = program.command('sweep').description('Manage sweeps running on a queue (Redis).');
    sweep
      .command('cancel')
      .description("Cancel the queue's sweep: remove its waiting runs and stop its active ones (finished runs stay in the run folders).")
      .option('--queue <url>', 'redis://[user:password@]host:port[/db] (default: env WORKBENCH_QUEUE)')
      .option('--prefix <p>', 'Redis key prefix of the queue', DEFAULT_PREFIX)
      .action(async (o: { queue?: string; prefix: string }, command: Command) => {
        const r = await cancelSweep({ url: queueUrl(o.queue, command), prefix: o.prefix });
        process.stdout.write(`removed ${r.removed.length} waiting run(s); stopped ${r.stopped.length} active run(s)${r.stillActive ? ` (${r.stillActive} not stopped yet: their workers may be lost; they fail once their lock expires)` : ''}\n`);
      });
  },
};
