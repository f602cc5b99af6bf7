// The joint schemes, one file each, registered here (in this order) under `schemes`; the contract they implement is contract.ts.
import { registerScheme } from './register';
import { separateScheme } from './separate';
import { sharedScheme } from './shared';
import { conditionedScheme } from './conditioned';
import { labelTokenScheme } from './labelToken';
import { nerFeaturesScheme } from './nerFeatures';
import { softCascadeScheme } from './softCascade';
import { hardCascadeScheme } from './hardCascade';

// A new scheme is one file here plus one line below.
registerScheme('separate', 1, separateScheme);
registerScheme('shared', 1, sharedScheme);
registerScheme('conditioned', 1, conditionedScheme);
registerScheme('label-token', 1, labelTokenScheme);
registerScheme('ner-features', 1, nerFeaturesScheme);
registerScheme('soft-cascade', 1, softCascadeScheme);
registerScheme('hard-cascade', 1, hardCascadeScheme);

export { schemes } from './registry';
export { registerScheme } from './register';
export type { SchemeDefinition, SchemeModel, SchemeOutputs, BuildContext, ModelSpec, Runner, TrainState } from './contract';
