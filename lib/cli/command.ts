import type { Command } from 'commander';

/** One `workbench` sub-command: adds itself (options, help, action) to the program. */
export interface CliCommand {
  /** The sub-command's name as typed (`workbench NAME`). */
  name: string;
  /** Adds the sub-command to `program`; its action sets process.exitCode or throws. */
  register(program: Command): void;
}
