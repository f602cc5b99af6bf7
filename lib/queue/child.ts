// Entry of the child process that trains one queued run (started by runInChild): receives the job
// and its examples over IPC, sends each epoch's progress, then the run record, and exits so the
// memory of the run returns to the operating system.
import { trainPipeline, type EpochProgress } from '../models';
import { trainRunJob, type RunJob, type RunJobData, type Trainer } from '../experiments/runJob';
import type { ExperimentRun } from '../experiments/runStore';
import { sendToParent, serveRequest } from './childEntry';

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

const send = (message: ChildMessage): Promise<void> => sendToParent(message);

serveRequest<ChildRequest>(async (request) => {
  const record = await trainRunJob(request.job, request.data, {
    trainer: trainPipeline as Trainer,
    onProgress: (p) => {
      if (p.type === 'epoch') void send({ type: 'epoch', progress: p });
    },
  });
  return { type: 'result', record } satisfies ChildMessage;
});
