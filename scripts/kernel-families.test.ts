import { describe, expect, test } from 'vitest';
import { aggregateByFamily, FAMILIES, kernelFamily, type KernelRow } from './kernel-families.js';

const row = (name: string, phase: KernelRow['phase'] = 'forward', gradOf: string | null = null, ms = 1): KernelRow => ({
  framework: 'tfjs',
  step: 0,
  name,
  phase,
  gradOf,
  ms,
});

describe('kernelFamily', () => {
  test.each([
    // TF.js kernel names (tf.profile)
    ['FusedConv2D', 'forward', null, 'conv forward'],
    ['Conv2DBackpropFilter', 'backward', 'FusedConv2D', 'conv filter-grad'],
    ['Conv2DBackpropInput', 'backward', 'Conv2D', 'conv input-grad'],
    ['_FusedMatMul', 'forward', null, 'matmul'],
    ['BatchMatMul', 'backward', 'fusedMatMul_', 'matmul'],
    ['MaxPool', 'forward', null, 'pooling fwd'],
    ['MaxPoolGrad', 'backward', 'MaxPool', 'pooling bwd'],
    ['FusedBatchNorm', 'forward', null, 'batchnorm fwd'],
    ['SambenchFusedBatchNormTraining', 'forward', null, 'batchnorm fwd'],
    ['SambenchFusedBatchNormTrainingGrad', 'backward', null, 'batchnorm bwd'],
    ['Multiply', 'backward', 'FusedBatchNorm', 'batchnorm bwd'],
    ['Sum', 'backward', 'FusedBatchNorm', 'batchnorm bwd'],
    ['Relu', 'forward', null, 'relu'],
    ['Step', 'backward', 'Relu', 'relu'],
    ['Multiply', 'backward', 'Relu', 'relu'],
    ['Mean', 'forward', null, 'elementwise'],
    ['Add', 'forward', null, 'elementwise'],
    ['Softmax', 'forward', null, 'elementwise'],
    ['Multiply', 'update', null, 'optimizer update'],
    ['Reshape', 'forward', null, 'data movement / other'],
    ['Transpose', 'backward', 'Reshape', 'data movement / other'],
    ['scope: fusedConv2d_', 'forward', null, 'data movement / other'],
    // PyTorch op names (torch.profiler self times)
    ['aten::mkldnn_convolution', 'forward', null, 'conv forward'],
    ['aten::convolution_backward', 'backward', 'ConvolutionBackward0', 'conv grad (filter+input in one op)'],
    ['aten::addmm', 'forward', null, 'matmul'],
    ['aten::max_pool2d_with_indices', 'forward', null, 'pooling fwd'],
    ['aten::max_pool2d_with_indices_backward', 'backward', 'MaxPool2DWithIndicesBackward0', 'pooling bwd'],
    ['aten::native_batch_norm', 'forward', null, 'batchnorm fwd'],
    ['aten::native_batch_norm_backward', 'backward', 'NativeBatchNormBackward0', 'batchnorm bwd'],
    ['aten::clamp_min_', 'forward', null, 'relu'],
    ['aten::threshold_backward', 'backward', 'ReluBackward0', 'relu'],
    ['aten::add_', 'update', null, 'optimizer update'],
    ['aten::copy_', 'forward', null, 'data movement / other'],
    ['autograd::engine::evaluate_function: ConvolutionBackward0', 'backward', null, 'data movement / other'],
    ['ConvolutionBackward0', 'backward', 'ConvolutionBackward0', 'data movement / other'],
    ['sambench::forward', 'forward', null, 'data movement / other'],
    ['aten::_log_softmax', 'forward', null, 'elementwise'],
  ] as const)('%s (%s, gradient of %s) → %s', (name, phase, gradOf, family) => {
    expect(kernelFamily({ name, phase, gradOf })).toBe(family);
  });

  // TF.js' training BatchNorm is moments + FusedBatchNorm; relu's gradient is Step = Select(IsNan, …).
  test.each([
    ['Mean', 'forward', 'moments/mean', null, 'batchnorm fwd'],
    ['Identity', 'forward', 'batchNorm4d/batchNorm', null, 'batchnorm fwd'],
    ['RealDiv', 'backward', null, 'moments/mean/Mean', 'batchnorm bwd'],
    ['Tile', 'backward', null, 'batchNorm4d/batchNorm/FusedBatchNorm', 'batchnorm bwd'],
    ['Select', 'backward', 'step', 'relu/Relu', 'relu'],
    ['Multiply', 'backward', null, 'fusedConv2d/FusedConv2D', 'elementwise'],
    ['Mean', 'forward', 'mean', null, 'elementwise'],
    ['Reshape', 'forward', 'fusedMatMul/reshape', null, 'data movement / other'],
  ] as const)('%s (%s in %s, gradient of %s) → %s', (name, phase, scope, gradOf, family) => {
    expect(kernelFamily({ name, phase, scope, gradOf })).toBe(family);
  });
});

describe('aggregateByFamily', () => {
  test('means per step, shares of the kernel total, every family in table order', () => {
    const rows = [row('Conv2D', 'forward', null, 6), row('Conv2D', 'forward', null, 2), row('Add', 'forward', null, 4), row('Relu')];
    rows[1]!.step = 1;
    const { families, totalMs } = aggregateByFamily(rows, 2);
    expect(totalMs).toBe(6.5);
    expect(families.map((f) => f.family)).toEqual([...FAMILIES]);
    expect(families.find((f) => f.family === 'conv forward')).toEqual({ family: 'conv forward', ms: 4, share: 4 / 6.5, calls: 1 });
    expect(families.find((f) => f.family === 'elementwise')!.ms).toBe(2);
    expect(families.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 12);
  });

  test('no rows: zeros, not NaN', () => {
    const { families, totalMs } = aggregateByFamily([], 1);
    expect(totalMs).toBe(0);
    expect(families.every((f) => f.ms === 0 && f.share === 0)).toBe(true);
  });

  test('steps must be a positive integer', () => {
    expect(() => aggregateByFamily([], 0)).toThrow('steps must be a positive integer; got 0');
  });
});
