import { progressReporter, type ProgressReporter, type ProgressStream } from '../experiments';
import type { TrainProgress } from '../models';

/** Where the training display writes: the bar to `status` (stderr), the epoch lines to `out` (stdout). */
export interface TrainDisplayOptions {
  out?: { write(s: string): unknown };
  status?: ProgressStream;
  /** Epochs the run makes at most (epochsFor), the bar's length. */
  epochs: number;
  /** The dev metrics shown per epoch (default ents_f, cats_acc, score). */
  metrics?: string[];
}

/**
 * A training display: one line per epoch (losses and dev scores) on stdout, and on a terminal a
 * bar over the epochs with the current step and an ETA on stderr (lib/experiments' progressReporter,
 * the one runExperiment uses). Returns the onProgress callback for trainPipeline.
 */
export function trainDisplay(opts: TrainDisplayOptions): (p: TrainProgress) => void {
  const out = opts.out ?? process.stdout;
  const status = opts.status ?? process.stderr;
  const metrics = opts.metrics ?? ['ents_f', 'cats_acc', 'score'];
  const bar: ProgressReporter | undefined = status.isTTY ? progressReporter({ total: opts.epochs, unit: 'epochs', mode: 'bar', stream: status }) : undefined;
  let epochStarted = 0;
  let headerDone = false;
  return (p) => {
    if (p.type === 'step') {
      if (!status.isTTY) return;
      if (epochStarted !== p.epoch) {
        epochStarted = p.epoch;
        bar?.start(`epoch ${p.epoch}`);
      }
      bar?.epoch(p.epoch, opts.epochs, undefined);
      return;
    }
    const losses = Object.entries(p.losses).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
    const dev = metrics.filter((m) => typeof p.dev[m] === 'number').map((m) => `${m} ${p.dev[m].toFixed(3)}`).join('  ');
    if (!headerDone) {
      out.write(`training: up to ${p.epochs} epochs; a line per epoch (dev scores; * = best so far)\n`);
      headerDone = true;
    }
    if (status.isTTY) status.write('\r\x1b[2K');
    out.write(`epoch ${String(p.epoch).padStart(3)}  ${dev || 'no dev set'}  loss ${losses}  ${Math.round(p.tokensPerSecond)} tokens/s${p.isBest ? '  *' : ''}${p.stopped ? `  (stopped: ${p.stopped})` : ''}\n`);
    if (bar) {
      bar.end();
      if (p.stopped) bar.finish();
    }
  };
}
