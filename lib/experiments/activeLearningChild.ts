// Entry of the child process that simulates one active-learning curve (started by
// simulateCurvesInChildren): receives the curve over IPC, writes its cache file after every round,
// sends each round's start, epochs and point, then exits so the curve's memory returns to the OS.
import { trainPipeline } from '../models/training/train';
import { sendToParent, serveRequest } from '../queue/childEntry';
import { simulateCurve, type ActiveLearningPoint, type CurveSpec } from './activeLearningCurve';
import type { Trainer } from './runJob';
import { environmentInfo } from './versions';

/** Parent → child: the curve to simulate. */
export interface CurveRequest {
  type: 'curve';
  spec: CurveSpec;
}

/** Child → parent: a round started, an epoch or a round ended, the curve is done, or it threw. */
export type CurveMessage =
  | { type: 'start'; round: number }
  | { type: 'epoch'; epoch: number; epochs: number }
  | { type: 'round'; point: ActiveLearningPoint; resumed: boolean }
  | { type: 'done' }
  | { type: 'error'; message: string; stack?: string };

const send = (message: CurveMessage): Promise<void> => sendToParent(message);

serveRequest<CurveRequest>(async (request) => {
  await simulateCurve(request.spec, {
    trainer: trainPipeline as Trainer,
    environment: async (cached) => cached ?? environmentInfo(),
    onStart: (round) => void send({ type: 'start', round }),
    onEpoch: (epoch, epochs) => void send({ type: 'epoch', epoch, epochs }),
    onRound: (point, resumed) => void send({ type: 'round', point, resumed }),
  });
  return { type: 'done' } satisfies CurveMessage;
});
