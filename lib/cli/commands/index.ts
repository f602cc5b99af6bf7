// Every `workbench` sub-command, in the order `workbench --help` lists them.
import type { CliCommand } from '../command';
import { sweepCommand } from './sweep';
import { workerCommand } from './worker';

export const COMMANDS: CliCommand[] = [workerCommand, sweepCommand];
