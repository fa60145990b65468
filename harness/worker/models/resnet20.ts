// resnet20: He et al. 2016 §4.2 CIFAR ResNet with n = 3 — a 3x3/16 conv, 3 stages × 3 basic blocks
// (16, 32, 64 filters; stages 2 and 3 start with stride 2), global average pool, dense(classes).
import * as tfl from '@tensorflow/tfjs-layers';
import { basicBlockStages } from './basic-blocks.js';
import { convBn, poolLogits } from './blocks.js';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { ModelBuildOptions } from './types.js';

const STAGE_FILTERS = [16, 32, 64] as const;
const BLOCKS_PER_STAGE = 3;

/**
 * Builds ResNet-20 with option-A shortcuts (identity; subsample + zero-pad channels where the
 * shape changes), the variant behind the paper's 0.27M. Convs have no bias. At 10 classes:
 * 269,722 trainable parameters (= akamaster/pytorch_resnet_cifar10's resnet20), plus 1,376
 * BatchNorm moving statistics, 271,098 in `countParams()`.
 */
export function buildResnet20({ inputShape, classes, seed }: ModelBuildOptions): tfl.LayersModel {
  requireImageShape('resnet20', inputShape);
  const init = new SeededInit(seed);
  const input = tfl.input({ shape: inputShape, name: 'input' });
  const stem = convBn(input, { filters: 16, kernelSize: 3, init: init.he(), name: 'stem' });
  const x = basicBlockStages(stem, STAGE_FILTERS, BLOCKS_PER_STAGE, 'pad', init);
  return tfl.model({ inputs: input, outputs: poolLogits(x, classes, init.glorot()), name: 'resnet20' });
}
