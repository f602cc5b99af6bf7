import { performance } from 'node:perf_hooks';
import { inTslab, tslabModule } from '../util/tslab';

/** Where progress goes: 'auto' picks tslab's display in a notebook, a one-line bar on a terminal, else a line per run. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'notebook' | 'none';

/** A writable text stream (process.stderr, or a test double). */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A display that can be overwritten in place (tslab's `newDisplay()`, or a test double). */
export interface UpdatableDisplay {
  html(s: string): void;
}

/** Options of `progressReporter`. */
export interface ProgressOptions {
  /** Number of runs (or rounds) in the sweep. */
  total: number;
  /** Noun of one unit, default 'runs'. */
  unit?: string;
  mode?: ProgressMode;
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Default: a fresh tslab display when running in a tslab kernel. */
  display?: UpdatableDisplay;
  /** Minimum milliseconds between redraws inside a run (run ends always redraw); default 200. */
  throttleMs?: number;
  /** Clock in milliseconds (injected by tests); default performance.now. */
  now?: () => number;
  /** Units run in parallel (queue workers): the ETA comes from throughput, not from summed unit times. */
  parallel?: boolean;
}

/** A unit running in parallel with others (see `ProgressReporter.activeEpoch`). */
export interface ActiveUnit {
  label: string;
  epoch?: number;
  epochs?: number;
}

/** What the progress line shows. */
export interface ProgressState {
  done: number;
  total: number;
  /** Units found on disk and not redone. */
  resumed: number;
  unit: string;
  /** The current unit, e.g. 'snips shared seed=1 n=all'. */
  current?: string;
  epoch?: number;
  epochs?: number;
  /** Latest dev score of the current unit. */
  score?: number | null;
  elapsedSeconds: number;
  /** Estimated seconds left (from the mean time of units actually run); undefined before the first. */
  etaSeconds?: number;
  /** Units running in parallel now, by key (queue sweeps). */
  active?: Map<string, ActiveUnit>;
}

/** Drives a progress display: one call when a unit starts, per epoch, and when it ends. */
export interface ProgressReporter {
  start(label: string): void;
  epoch(epoch: number, epochs: number, score?: number | null): void;
  end(opts?: { resumed?: boolean; failed?: boolean }): void;
  /** Parallel units: unit `key` is running (epoch undefined: just started). */
  activeEpoch(key: string, label: string, epoch?: number, epochs?: number): void;
  /** Parallel units: unit `key` ended (done, resumed, or failed: failed units count as done). */
  endActive(key: string, opts?: { resumed?: boolean; failed?: boolean; label?: string }): void;
  finish(): void;
  readonly state: ProgressState;
}

/**
 * A progress display for a sweep: in tslab, one output updated in place (tslab's `newDisplay()`
 * overwrites its own display entry); on a terminal, a single line on stderr redrawn with `\r`;
 * otherwise (logs, CI) one line per finished unit. Redraws inside a unit are throttled.
 */
export function progressReporter(opts: ProgressOptions): ProgressReporter {
  const now = opts.now ?? (() => performance.now());
  const stream = opts.stream ?? process.stderr;
  const mode = resolveMode(opts.mode ?? 'auto', stream, opts.display);
  const display = mode === 'notebook' ? (opts.display ?? tslabDisplay()) : undefined;
  // Notebook redraws are kernel messages: keep them to one a second.
  const throttle = opts.throttleMs ?? (mode === 'notebook' ? 1000 : 200);
  const t0 = now();
  let runStarted = t0;
  let ranSeconds = 0;
  let ran = 0;
  let lastDraw = -Infinity;
  let lineLength = 0;
  const state: ProgressState = { done: 0, total: opts.total, resumed: 0, unit: opts.unit ?? 'runs', elapsedSeconds: 0 };
  let failed = 0;
  const active = new Map<string, ActiveUnit>();
  if (opts.parallel) state.active = active;

  const draw = (force: boolean, final = false): void => {
    const t = now();
    if (!force && t - lastDraw < throttle) return;
    lastDraw = t;
    state.elapsedSeconds = (t - t0) / 1000;
    const left = state.total - state.done;
    state.etaSeconds = ran > 0 ? (ranSeconds / ran) * left : undefined;
    if (mode === 'bar') {
      const width = Math.max(40, (stream.columns ?? 100) - 1);
      const line = formatProgress(state).slice(0, width);
      stream.write(`\r${line}${' '.repeat(Math.max(0, lineLength - line.length))}${final ? '\n' : ''}`);
      lineLength = line.length;
    } else if (mode === 'notebook' && display) {
      display.html(progressHtml(state));
    }
  };

  return {
    state,
    start(label) {
      state.current = label;
      state.epoch = undefined;
      state.epochs = undefined;
      state.score = undefined;
      runStarted = now();
      draw(true);
    },
    epoch(epoch, epochs, score) {
      state.epoch = epoch;
      state.epochs = epochs;
      if (score !== undefined) state.score = score;
      draw(false);
    },
    activeEpoch(key, label, epoch, epochs) {
      active.set(key, { label, epoch, epochs });
      draw(epoch === undefined);
    },
    endActive(key, o = {}) {
      const label = active.get(key)?.label ?? o.label;
      active.delete(key);
      // The finished unit names its line in 'lines' mode; the bar shows only the active units.
      if (mode === 'lines') state.current = label;
      this.end({ resumed: o.resumed, failed: o.failed });
      state.current = undefined;
    },
    end(o = {}) {
      state.done++;
      if (o.failed) failed++;
      if (o.resumed) state.resumed++;
      else if (!o.failed) {
        // A failed unit says nothing about how long the others take.
        ran++;
        // In parallel, throughput (units per elapsed second) predicts the rest; in sequence, the mean unit time.
        ranSeconds = opts.parallel ? (now() - t0) / 1000 : ranSeconds + (now() - runStarted) / 1000;
      }
      if (mode === 'lines') {
        state.elapsedSeconds = (now() - t0) / 1000;
        state.etaSeconds = ran > 0 ? (ranSeconds / ran) * (state.total - state.done) : undefined;
        stream.write(`${formatProgress({ ...state, epoch: o.resumed ? undefined : state.epoch, active: undefined })}${o.resumed ? ' (resumed)' : ''}${failed ? ` (${failed} failed)` : ''}\n`);
      } else draw(true);
    },
    finish() {
      state.current = undefined;
      state.epoch = undefined;
      if (mode === 'bar' || mode === 'notebook') draw(true, true);
    },
  };
}

/** One progress line: `[########------------] 4/12 runs (2 resumed) · snips shared seed=1 · epoch 3/10 dev 0.812 · 1m05s, ETA 2m10s`. */
export function formatProgress(s: ProgressState, barWidth = 20): string {
  const frac = s.total > 0 ? s.done / s.total : 1;
  const filled = Math.round(frac * barWidth);
  const parts = [`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${s.done}/${s.total} ${s.unit}${s.resumed ? ` (${s.resumed} resumed)` : ''}`];
  if (s.current) parts.push(s.current);
  if (s.active?.size) {
    const units = [...s.active.values()].map((u) => `${u.label}${u.epoch !== undefined ? ` epoch ${u.epoch}${u.epochs ? `/${u.epochs}` : ''}` : ' starting'}`);
    parts.push(`${s.active.size} active: ${units.join(', ')}`);
  }
  if (s.epoch !== undefined) {
    const score = typeof s.score === 'number' ? ` dev ${s.score.toFixed(3)}` : '';
    parts.push(`epoch ${s.epoch}${s.epochs ? `/${s.epochs}` : ''}${score}`);
  }
  parts.push(`${formatDuration(s.elapsedSeconds)}${s.etaSeconds !== undefined && s.done < s.total ? `, ETA ${formatDuration(s.etaSeconds)}` : ''}`);
  return parts.join(' · ');
}

function progressHtml(s: ProgressState): string {
  const text = formatProgress(s).replace(/^\[[#-]*\] /, '');
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div style="font-family:monospace;font-size:12px"><progress value="${s.done}" max="${s.total}" style="width:12em;vertical-align:middle"></progress> ${esc}</div>`;
}

/** 75 → '1m15s'; 3725 → '1h02m'. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function resolveMode(mode: ProgressMode, stream: ProgressStream, display?: UpdatableDisplay): Exclude<ProgressMode, 'auto'> {
  if (mode !== 'auto') return mode;
  if (display || inTslab()) return 'notebook';
  return stream.isTTY ? 'bar' : 'lines';
}

/** A new tslab display entry (overwritten on each update), or undefined outside tslab. */
function tslabDisplay(): UpdatableDisplay | undefined {
  return tslabModule<{ newDisplay(): UpdatableDisplay }>()?.newDisplay();
}
