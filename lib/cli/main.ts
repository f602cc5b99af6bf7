import { Command, CommanderError } from 'commander';
import { WorkbenchError } from '../errors';
import { COMMANDS } from './commands';

/** Exit codes of the `workbench` command: 0 done, 1 bad data or a failed run, 2 bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Builds the `workbench` program with every sub-command registered. */
export function buildProgram(): Command {
  const program = new Command('workbench')
    .description('Train, evaluate and compare joint NER + text classification models on Prodigy data.')
    .showHelpAfterError()
    .exitOverride();
  for (const command of COMMANDS) command.register(program);
  return program;
}

/** Runs the CLI on `argv` (process.argv form) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; a bad argument has already printed the usage.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof WorkbenchError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.failed;
    }
    // A file the system refused (missing folder, no permission): the message names the path; no stack.
    const sys = err as NodeJS.ErrnoException;
    if (typeof sys?.code === 'string' && typeof sys.path === 'string') {
      process.stderr.write(`error: ${sys.message}\n`);
      return EXIT.failed;
    }
    throw err;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}
