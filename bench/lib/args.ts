// Command-line flags of bench/run.ts.

/** Parsed flags of `npm run bench -- [flags]`. */
export interface BenchArgs {
  /** --quick: reduced data, epochs and repeats (the whole run stays under ~5 minutes). */
  quick: boolean;
  /** --only a,b: run only these sections (results of other sections in the JSON are kept). */
  only?: string[];
  /** --out <file>: where the JSON goes (default bench/results.json). */
  out: string;
  /** --fresh: retrain every model run (into bench/runs/<mode>-fresh, emptied first) instead of reusing bench/runs/<mode>. */
  fresh: boolean;
  /** --best <scheme>: the scheme the accuracy section reports beside `separate` (default: best on SNIPS dev). */
  best?: string;
  /** --config '<json>': model config overrides for our runs. */
  config: Record<string, unknown>;
  /** --jobs N: model runs trained in N child processes at once (default 1: in this process). Speed figures are always taken alone. */
  jobs: number;
  /** --datasets a,b: the peer, ours-intent, accuracy and ablation sections run only these datasets (default: all). */
  datasets?: string[];
  /** --queue redis://...: our model runs go to this queue's workers (`workbench worker`); the queue section uses this Redis. */
  queue?: string;
}

/** Reads flags from argv (process.argv.slice(2)); unknown flags are an error so typos do not run hours of the wrong thing. */
export function parseArgs(argv: readonly string[], defaultOut: string): BenchArgs {
  const args: BenchArgs = { quick: false, out: defaultOut, fresh: false, config: {}, jobs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--only':
        args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--out':
        args.out = value();
        break;
      case '--fresh':
        args.fresh = true;
        break;
      case '--best':
        args.best = value();
        break;
      case '--config':
        args.config = JSON.parse(value()) as Record<string, unknown>;
        break;
      case '--jobs': {
        const v = value();
        args.jobs = Number(v);
        if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new Error(`--jobs needs a positive integer, got ${v}`);
        break;
      }
      case '--queue':
        args.queue = value();
        break;
      case '--datasets':
        args.datasets = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      default:
        throw new Error(`unknown flag ${argv[i]} (known: --quick, --only <sections>, --out <file>, --fresh, --best <scheme>, --config <json>, --jobs <n>, --datasets <names>, --queue <url>)`);
    }
  }
  return args;
}
