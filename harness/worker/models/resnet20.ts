// resnet20: He et al. 2016 §4.2 CIFAR ResNet with n = 3 (cifarResnet: any n) — a 3x3/16 conv, 3 stages × 3 basic blocks
// (16, 32, 64 filters; stages 2 and 3 start with stride 2), global average pool, dense(classes).
import * as tfl from '@tensorflow/tfjs-layers';
import { basicBlockStages } from './basic-blocks.js';
import { convBn, poolLogits } from './blocks.js';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { BuiltinModel } from '../../../schemas/index.js';
import type { ModelBuildOptions } from './types.js';

const STAGE_FILTERS = [16, 32, 64] as const;

/**
 * The CIFAR ResNet of depth 6n + 2 (`name`, n = `blocksPerStage`) with option-A shortcuts
 * (identity; subsample + zero-pad channels where the shape changes). Convs have no bias.
 */
export function cifarResnet(name: BuiltinModel['name'], blocksPerStage: number, { inputShape, classes, seed }: ModelBuildOptions) {
  requireImageShape(name, inputShape);
  const init = new SeededInit(seed);
  const input = tfl.input({ shape: inputShape, name: 'input' });
  const stem = convBn(input, { filters: 16, kernelSize: 3, init: init.he(), name: 'stem' });
  const x = basicBlockStages(stem, STAGE_FILTERS, blocksPerStage, 'pad', init);
  return tfl.model({ inputs: input, outputs: poolLogits(x, classes, init.glorot()), name });
}

/**
 * Builds ResNet-20 (n = 3), the variant behind the paper's 0.27M. At 10 classes: 269,722
 * trainable parameters (= akamaster/pytorch_resnet_cifar10's resnet20), plus 1,376 BatchNorm
 * moving statistics, 271,098 in `countParams()`.
 */
export function build(options: ModelBuildOptions): tfl.LayersModel {
  return cifarResnet('resnet20', 3, options);
}
