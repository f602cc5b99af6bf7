// Every `workbench` sub-command, in the order `workbench --help` lists them.
import type { CliCommand } from '../command';

export const COMMANDS: CliCommand[] = [];
