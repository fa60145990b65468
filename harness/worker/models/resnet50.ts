// resnet50: ImageNet ResNet-50 v1.5 (torchvision's): 7x7/2 stem + 3x3/2 max pool, then [3, 4, 6, 3]
// bottlenecks of width 64/128/256/512 (×4 out), stride on the 3x3 conv, projection shortcuts.
import type * as tfl from '@tensorflow/tfjs-layers';
import { addRelu, convBn } from './blocks.js';
import { buildImagenetResnet } from './imagenet-resnet.js';
import type { SeededInit } from './init.js';
import type { ModelBuildOptions } from './types.js';

const STAGES = [
  { width: 64, blocks: 3 },
  { width: 128, blocks: 4 },
  { width: 256, blocks: 6 },
  { width: 512, blocks: 3 },
] as const;
const EXPANSION = 4;

/**
 * Builds ResNet-50 v1.5. Convs have no bias, so at 1000 classes it has torchvision's 25,557,032
 * trainable parameters; `countParams()` adds 53,120 BatchNorm moving statistics (25,610,152).
 * (Keras' 25,636,712 also has conv biases.)
 */
export function build(options: ModelBuildOptions): tfl.LayersModel {
  return buildImagenetResnet('resnet50', options, bottleneckStages);
}

// [3, 4, 6, 3] bottlenecks; the first block of every stage projects its shortcut.
function bottleneckStages(stem: tfl.SymbolicTensor, init: SeededInit): tfl.SymbolicTensor {
  let x = stem;
  STAGES.forEach(({ width, blocks }, stage) => {
    for (let block = 0; block < blocks; block++) {
      const strides = stage > 0 && block === 0 ? 2 : 1;
      const name = `stage${stage + 1}_block${block + 1}`;
      let y = convBn(x, { filters: width, kernelSize: 1, init: init.he(), name: `${name}_1` });
      y = convBn(y, { filters: width, kernelSize: 3, strides, init: init.he(), name: `${name}_2` });
      y = convBn(y, { filters: width * EXPANSION, kernelSize: 1, init: init.he(), name: `${name}_3`, relu: false });
      // Projection (option B) where the shape changes: the first block of every stage.
      const shortcut =
        block === 0
          ? convBn(x, { filters: width * EXPANSION, kernelSize: 1, strides, init: init.he(), name: `${name}_proj`, relu: false })
          : x;
      x = addRelu(y, shortcut, name);
    }
  });
  return x;
}
