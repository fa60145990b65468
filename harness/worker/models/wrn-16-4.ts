// wrn-16-4: Wide ResNet WRN-16-4 for CIFAR (Zagoruyko & Komodakis 2016, §2 and Table 1): a 3x3 conv 16,
// then 3 groups of N = (16 − 4) / 6 = 2 pre-activation basic blocks (BN → relu → conv3x3 → BN → relu →
// conv3x3) of width 16·4, 32·4, 64·4 at strides 1, 2, 2; final BN → relu, global average pool,
// dense(classes). No dropout.
import * as tfl from '@tensorflow/tfjs-layers';
import { bnRelu, conv, poolLogits } from './blocks.js';
import { SeededInit } from './init.js';
import { requireImageShape } from './shape.js';
import type { ModelBuildOptions } from './types.js';

const DEPTH = 16;
const WIDEN = 4;
// depth = 6N + 4 (the paper's §2): 3 groups of N blocks with 2 3x3 convs each, plus 4.
const BLOCKS_PER_GROUP = (DEPTH - 4) / 6;
const GROUPS = [
  { width: 16 * WIDEN, strides: 1 },
  { width: 32 * WIDEN, strides: 2 },
  { width: 64 * WIDEN, strides: 2 },
] as const;

/*
 * Trainable parameters at 10 classes (convs have no bias; BN = gamma + beta, 2 per channel):
 *   stem conv 3x3, 3→16                                       432
 *   group 1 (16→64, stride 1)
 *     block 1: BN 16 (32) + conv 3x3 16→64 (9,216) + BN 64 (128)
 *              + conv 3x3 64→64 (36,864) + 1x1 proj 16→64 (1,024)       47,264
 *     block 2: BN 64 (128) + 36,864 + BN 64 (128) + 36,864            73,984
 *   group 2 (64→128, stride 2)
 *     block 1: BN 64 (128) + conv 64→128 (73,728) + BN 128 (256)
 *              + conv 128→128 (147,456) + 1x1 proj 64→128 (8,192)     229,760
 *     block 2: 256 + 147,456 + 256 + 147,456                          295,424
 *   group 3 (128→256, stride 2)
 *     block 1: BN 128 (256) + conv 128→256 (294,912) + BN 256 (512)
 *              + conv 256→256 (589,824) + 1x1 proj 128→256 (32,768)   918,272
 *     block 2: 512 + 589,824 + 512 + 589,824                        1,180,672
 *   final BN 256                                                      512
 *   dense 256→10 + bias                                             2,570
 *   total                                                        2,748,890
 * Equal to xternalz/WideResNet-pytorch and szagoruyko/wide-residual-networks (same layers, convs
 * without bias); the paper's Table 1 rounds it to 2.7M. Keeping conv biases would add 2,256 (2,751,146).
 * BatchNorm has 1,808 channels, so `countParams()` adds 3,616 moving statistics (2,752,506).
 */

/** Builds WRN-16-4: pre-activation blocks, 1x1 projection shortcuts where the shape changes, no dropout. */
export function build({ inputShape, classes, seed }: ModelBuildOptions): tfl.LayersModel {
  requireImageShape('wrn-16-4', inputShape);
  const init = new SeededInit(seed);
  const input = tfl.input({ shape: inputShape, name: 'input' });
  // No BN → relu after the stem: the first block's pre-activation does it.
  let x = conv(input, { filters: 16, kernelSize: 3, init: init.he(), name: 'stem_conv' });
  GROUPS.forEach(({ width, strides: groupStrides }, group) => {
    for (let block = 0; block < BLOCKS_PER_GROUP; block++) {
      const strides = block === 0 ? groupStrides : 1;
      const name = `group${group + 1}_block${block + 1}`;
      const pre = bnRelu(x, `${name}_1`);
      let y = conv(pre, { filters: width, kernelSize: 3, strides, init: init.he(), name: `${name}_1_conv` });
      y = bnRelu(y, `${name}_2`);
      y = conv(y, { filters: width, kernelSize: 3, init: init.he(), name: `${name}_2_conv` });
      // The projection reads the pre-activated input, as in both reference implementations; the
      // identity shortcut carries the raw sum, so no relu ever follows an add.
      const shortcut =
        strides !== 1 || x.shape[3] !== width
          ? conv(pre, { filters: width, kernelSize: 1, strides, init: init.he(), name: `${name}_proj` })
          : x;
      x = tfl.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as tfl.SymbolicTensor;
    }
  });
  x = bnRelu(x, 'final');
  return tfl.model({ inputs: input, outputs: poolLogits(x, classes, init.glorot()), name: 'wrn_16_4' });
}
