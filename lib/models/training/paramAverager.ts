import { tf } from '../../engine';

/**
 * Exponential moving averages of the params (Polyak averaging, thinc's `use_averages`): the
 * averaged weights are what dev scoring, checkpoints and the final pipeline use, which smooths
 * the last steps' noise. The decay ramps up as min(decay, (1 + t) / (10 + t)) so early averages
 * are not dominated by the initial weights. Its tensors are created at the first update and
 * reused, so the tensor count stays constant over training.
 */
export class ParamAverager {
  private readonly averages = new Map<string, tf.Variable>();
  private readonly backups = new Map<string, tf.Variable>();
  private swapped = false;

  constructor(
    private readonly params: Map<string, tf.Variable>,
    readonly decay: number,
  ) {}

  /** Folds the current params into the averages after update number `step` (1-based). */
  update(step: number): void {
    const d = Math.min(this.decay, (1 + step) / (10 + step));
    tf.tidy(() => {
      for (const [name, v] of this.params) {
        const avg = this.averages.get(name);
        if (!avg) this.averages.set(name, tf.variable(v.clone(), false));
        else avg.assign(tf.add(tf.mul(avg, d), tf.mul(v, 1 - d)));
      }
    });
  }

  /** Puts the averaged weights into the params (the training weights are kept aside). */
  swapIn(): void {
    if (this.swapped || this.averages.size === 0) return;
    tf.tidy(() => {
      for (const [name, v] of this.params) {
        const backup = this.backups.get(name);
        if (!backup) this.backups.set(name, tf.variable(v.clone(), false));
        else backup.assign(v);
        v.assign(this.averages.get(name)!);
      }
    });
    this.swapped = true;
  }

  /** Puts the training weights back. */
  swapOut(): void {
    if (!this.swapped) return;
    for (const [name, v] of this.params) v.assign(this.backups.get(name)!);
    this.swapped = false;
  }

  /** Frees the averages and backups (the params keep whatever weights they hold now). */
  dispose(): void {
    for (const x of [...this.averages.values(), ...this.backups.values()]) x.dispose();
    this.averages.clear();
    this.backups.clear();
  }
}
