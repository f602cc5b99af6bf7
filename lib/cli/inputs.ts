import type { Command } from 'commander';
import { readExamples, readNerTextcat, type ReadExamplesResult } from '../data';
import { schemes } from '../models';

/** The data options every reading command takes: two Prodigy sets, or one file or folder. */
export interface DataArgs {
  ner?: string;
  textcat?: string;
  data?: string;
  split?: string;
}

/** Adds --ner, --textcat, --data and --split to a command. */
export function addDataOptions(command: Command, splitDefault: string): Command {
  return command
    .option('--ner <file>', 'Prodigy NER tasks (JSONL: ner.manual, ner.correct, ner.teach)')
    .option('--textcat <file>', 'Prodigy textcat tasks over the same texts (JSONL: binary or choice)')
    .option('--data <path>', 'one file or folder instead: Prodigy JSONL of any kinds (a mixed set is split by task kind), joint JSONL, a CoNLL file or a SNIPS/ATIS folder')
    .option('--split <name>', `split read from a SNIPS/ATIS dataset folder (default ${splitDefault})`);
}

/**
 * Reads the examples named by the data options; a wrong combination is a usage error (the command
 * prints its usage and exits 2), bad data a WorkbenchError naming file, line and field (exit 1).
 */
export async function readDataArgs(command: Command, args: DataArgs, splitDefault: string): Promise<ReadExamplesResult & { source: string }> {
  const pair = args.ner !== undefined || args.textcat !== undefined;
  if (pair && args.data !== undefined) command.error('error: give either --ner and --textcat, or --data, not both', { exitCode: 2 });
  if (!pair && args.data === undefined) command.error('error: no data: give --ner FILE --textcat FILE, or --data FILE|DIR', { exitCode: 2 });
  if (pair) {
    if (args.ner === undefined || args.textcat === undefined) {
      command.error(`error: --${args.ner === undefined ? 'textcat' : 'ner'} needs --${args.ner === undefined ? 'ner' : 'textcat'} too (or use --data for a single file)`, { exitCode: 2 });
    }
    return { ...(await readNerTextcat(args.ner!, args.textcat!)), source: `${args.ner} + ${args.textcat}` };
  }
  return { ...(await readExamples(args.data!, { split: args.split ?? splitDefault })), source: args.data! };
}

/** Parses a number option, or exits 2 with the usage naming the option. */
export function numberOption(command: Command, name: string, value: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) command.error(`error: option '--${name}' must be ${expected}, got ${JSON.stringify(value)}`, { exitCode: 2 });
  return n;
}

/** Checks a --scheme value against the registry (a name or a versioned id), or exits 2 listing the registered ones. */
export function schemeOption(command: Command, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!schemes.ids().includes(value) && !schemes.list().some((e) => e.name === value)) {
    command.error(`error: unknown scheme ${JSON.stringify(value)}; registered: ${[...new Set(schemes.list().map((e) => e.name))].join(', ')}`, { exitCode: 2 });
  }
  return value;
}
