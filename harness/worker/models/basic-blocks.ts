// The stacked basic blocks of ResNet-18 and ResNet-20 (two 3x3 conv → BatchNorm, residual add,
// relu), which differ only in how a shortcut follows a change of shape.
import * as tfl from '@tensorflow/tfjs-layers';
import { addRelu, convBn } from './blocks.js';
import type { SeededInit } from './init.js';
import { PadShortcut } from './pad-shortcut.js';

/**
 * He et al. 2016's shortcut options where a block changes the shape: `pad` (A: subsample and
 * zero-pad the channels, no parameters; the CIFAR ResNets) or `projection` (B: 1x1 conv →
 * BatchNorm; torchvision's `downsample`).
 */
export type ShortcutKind = 'pad' | 'projection';

/** Applies `blocksPerStage` basic blocks per entry of `stageFilters`; every stage after the first opens with stride 2. */
export function basicBlockStages(
  x: tfl.SymbolicTensor,
  stageFilters: readonly number[],
  blocksPerStage: number,
  shortcutKind: ShortcutKind,
  init: SeededInit,
): tfl.SymbolicTensor {
  stageFilters.forEach((filters, stage) => {
    for (let block = 0; block < blocksPerStage; block++) {
      const strides = stage > 0 && block === 0 ? 2 : 1;
      const name = `stage${stage + 1}_block${block + 1}`;
      let y = convBn(x, { filters, kernelSize: 3, strides, init: init.he(), name: `${name}_1` });
      y = convBn(y, { filters, kernelSize: 3, init: init.he(), name: `${name}_2`, relu: false });
      const sameShape = strides === 1 && x.shape[3] === filters;
      const shortcut = sameShape
        ? x
        : shortcutKind === 'pad'
          ? (new PadShortcut({ filters, stride: strides, name: `${name}_shortcut` }).apply(x) as tfl.SymbolicTensor)
          : convBn(x, { filters, kernelSize: 1, strides, init: init.he(), name: `${name}_proj`, relu: false });
      x = addRelu(y, shortcut, name);
    }
  });
  return x;
}
