// Entry of the child process that trains one queued run (started by runInChild): receives the job
// and its examples over IPC, sends each epoch's progress, then the run record, and exits so the
// memory of the run returns to the operating system.
import { trainPipeline, type EpochProgress } from '../models';
import { trainRunJob, type RunJob, type RunJobData, type Trainer } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';

/** Parent → child: the run to train. */
export interface ChildRequest {
  type: 'run';
  job: RunJob;
  data: RunJobData;
}

/** Child → parent: an epoch ended, the run finished, or it threw. */
export type ChildMessage =
  | { type: 'epoch'; progress: Omit<EpochProgress, 'type'> & { type: 'epoch' } }
  | { type: 'result'; record: ExperimentRun }
  | { type: 'error'; message: string; stack?: string };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

let finished = false;
// The worker that started this process is gone (killed, machine lost): stop training at once.
process.on('disconnect', () => process.exit(finished ? 0 : 1));

process.once('message', (request: ChildRequest) => {
  trainRunJob(request.job, request.data, {
    trainer: trainPipeline as Trainer,
    onProgress: (p) => {
      if (p.type === 'epoch') void send({ type: 'epoch', progress: p });
    },
  })
    .then((record) => send({ type: 'result', record }))
    .catch((err: Error) => send({ type: 'error', message: err?.message ?? String(err), stack: err?.stack }))
    .finally(() => {
      finished = true;
      process.exit(0);
    });
});
