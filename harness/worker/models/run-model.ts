// The model of one run, whatever its source: a built-in one from its builder, or the user's own
// (user-model.ts), checked against the data (model-fit.ts). Also what the env event says of it.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { EnvEvent, RunSpec } from '../../../schemas/index.js';
import { buildModel } from './index.js';
import { modelFitProblem } from './model-fit.js';
import { buildUserModel } from './user-model.js';

/** A run's model and the env event's `model` record of it. */
export interface RunModel {
  model: tfl.LayersModel;
  record: NonNullable<EnvEvent['model']>;
}

/** Builds `spec`'s model; @throws ModelFileProblem for a user's model that cannot run (a file, an export, a shape). */
export async function buildRunModel(spec: RunSpec): Promise<RunModel> {
  const inputShape = spec.dataset.shape;
  const { classes } = spec.dataset;
  if (spec.model.source === 'builtin') {
    const model = buildModel({ model: spec.model, inputShape, classes, seed: spec.seed });
    return { model, record: { source: 'builtin', name: spec.model.name } };
  }
  const user = spec.model;
  const { model, files } = await buildUserModel({ model: user, inputShape, classes, seed: spec.seed });
  const problem = modelFitProblem(model, inputShape, classes, user.source === 'tfjs-module' ? '/model/export' : '/model/path');
  if (problem) {
    model.dispose();
    throw problem;
  }
  return { model, record: { source: user.source, name: user.name, files } };
}
