// resnet56: He et al. 2016 §4.2 CIFAR ResNet with n = 9 — resnet20's layout, 9 basic blocks per stage.
import type * as tfl from '@tensorflow/tfjs-layers';
import { cifarResnet } from './resnet20.js';
import type { ModelBuildOptions } from './types.js';

/** Builds ResNet-56: 853,018 trainable parameters at 10 classes (= akamaster/pytorch_resnet_cifar10's resnet56). */
export function build(options: ModelBuildOptions): tfl.LayersModel {
  return cifarResnet('resnet56', 9, options);
}
