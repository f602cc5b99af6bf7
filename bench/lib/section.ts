// What a bench section is and what it returns.
import type { EnvironmentInfo } from '../../lib/experiments/versions';
import type { BenchArgs } from './args';
import type { MdTable } from './table';

/** What every section gets. */
export interface SectionContext {
  args: BenchArgs;
  env: EnvironmentInfo;
  /** Folder of cached model runs (bench/runs/quick or bench/runs/full; with --fresh, a -fresh folder). */
  runsDir: string;
  /** Results of sections that already ran in this invocation (or were kept from results.json). */
  previous: Record<string, SectionResult | undefined>;
  log(message: string): void;
}

/** A section's outcome: figures for the JSON, tables for the markdown. */
export interface SectionResult {
  status: 'ok' | 'skipped' | 'failed';
  /** Why the section was skipped or failed. */
  reason?: string;
  quick: boolean;
  date: string;
  seconds: number;
  data?: unknown;
  tables: MdTable[];
}

/** A bench section: a name for --only and a run function. */
export interface Section {
  name: string;
  description: string;
  /** Runs only when named in --only (long measurements outside the default bench). */
  optIn?: boolean;
  run(ctx: SectionContext): Promise<{ status: 'ok' | 'skipped'; reason?: string; data?: unknown; tables: MdTable[] }>;
}
