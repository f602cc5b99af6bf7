// Every `workbench` sub-command, in the order `workbench --help` lists them.
import type { CliCommand } from '../command';
import { compareCommand } from './compare';
import { debugDataCommand } from './debugData';
import { evaluateCommand } from './evaluate';
import { initConfigCommand } from './initConfig';
import { predictCommand } from './predict';
import { suggestCommand } from './suggest';
import { sweepCommand } from './sweep';
import { trainCommand } from './train';
import { workerCommand } from './worker';

export const COMMANDS: CliCommand[] = [
  debugDataCommand,
  initConfigCommand,
  trainCommand,
  evaluateCommand,
  predictCommand,
  suggestCommand,
  compareCommand,
  workerCommand,
  sweepCommand,
];
