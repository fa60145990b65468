// resnet18: ImageNet ResNet-18 (He et al. 2016, Table 1; torchvision's): 7x7/2 stem + 3x3/2 max pool, then
// [2, 2, 2, 2] basic blocks of 64/128/256/512 filters, stride 2 in the first block of stages 2–4.
import type * as tfl from '@tensorflow/tfjs-layers';
import { basicBlockStages } from './basic-blocks.js';
import { buildImagenetResnet } from './imagenet-resnet.js';
import type { ModelBuildOptions } from './types.js';

const STAGE_FILTERS = [64, 128, 256, 512] as const;
const BLOCKS_PER_STAGE = 2;

/**
 * Builds ResNet-18 with projection shortcuts (1x1 conv + BatchNorm) where the shape changes, identity
 * elsewhere. Convs have no bias, so at 1000 classes it has torchvision's 11,689,512 trainable parameters:
 * convs 11,166,912 (stem 9,408; stages 147,456 + 524,288 + 2,097,152 + 8,388,608, projections included),
 * BatchNorm gamma/beta 9,600 (4,800 channels), dense 513,000. `countParams()` adds 9,600 moving
 * statistics (11,699,112).
 */
export function build(options: ModelBuildOptions): tfl.LayersModel {
  return buildImagenetResnet('resnet18', options, (stem, init) =>
    basicBlockStages(stem, STAGE_FILTERS, BLOCKS_PER_STAGE, 'projection', init),
  );
}
