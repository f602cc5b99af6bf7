import type { Command } from 'commander';
import { schemes, validateConfig } from '../../models';
import type { CliCommand } from '../command';
import { schemeOption } from '../inputs';

/** `workbench init-config`: prints the full default config (every key with its default) as JSON. */
export const initConfigCommand: CliCommand = {
  name: 'init-config',
  register(program: Command) {
    program
      .command('init-config')
      .summary('print the full default config as JSON')
      .description(
        'Prints the full default config as JSON: every key with its default value. Save it, edit what you need and pass it to ' +
          '`workbench train --config FILE` (a partial file works too: missing keys get their defaults).',
      )
      .option('--scheme <name>', `the scheme (${[...new Set(schemes.list().map((e) => e.name))].join(', ')})`)
      .action((opts: { scheme?: string }, cmd: Command) => {
        const scheme = schemeOption(cmd, opts.scheme);
        const config = validateConfig(scheme === undefined ? {} : { scheme });
        process.stdout.write(JSON.stringify(config, null, 2) + '\n');
      });
  },
};
