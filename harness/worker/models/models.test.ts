// Model registry: parameter counts against the papers / torchvision, seeded determinism,
// logits shape, input-shape errors, WRN's pre-activation wiring, and the option-A shortcut layer.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadBackend } from '../backend.js';
import { BUILTIN_MODELS, type BuiltinModel } from '../../../schemas/index.js';
import { buildModel, countTrainableParams, MODEL_BUILDERS, PadShortcut } from './index.js';
import { SeededInit } from './init.js';

beforeAll(async () => {
  await loadBackend('tensorflow');
});

function build(name: BuiltinModel['name'], inputShape: number[], classes = 10, seed = 0, extra: Partial<BuiltinModel> = {}) {
  return buildModel({ model: { source: 'builtin', name, batchNorm: false, hidden: [256], ...extra }, inputShape, classes, seed });
}

// Each weight tensor's bytes: Buffer.equals is bitwise and fast, where toEqual takes seconds on millions of floats.
const weightBytes = (model: tfl.LayersModel) =>
  model.getWeights().map((w) => {
    const a = w.dataSync();
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  });

describe('parameter counts', () => {
  // Every built-in model of the registry, at its reference shape: the count both frameworks must give.
  test.each(Object.entries(BUILTIN_MODELS).map(([name, entry]) => ({ name: name as BuiltinModel['name'], ...entry.reference })))(
    'registry reference: $name at $inputShape, $classes classes: $parameters trainable ($source)',
    ({ name, inputShape, classes, parameters }) => {
      const model = build(name, [...inputShape], classes);
      expect(countTrainableParams(model)).toBe(parameters);
      expect(model.outputs[0]!.shape).toEqual([null, classes]);
      model.dispose();
    },
  );

  // trainable = kernels + biases + BN gamma/beta; total adds BN moving mean/variance (2 per channel).
  test.each([
    { name: 'mlp', shape: [784], classes: 10, extra: {}, trainable: 784 * 256 + 256 + 256 * 10 + 10, total: 203_530 },
    { name: 'mlp', shape: [28, 28, 1], classes: 10, extra: {}, trainable: 203_530, total: 203_530 },
    { name: 'mlp', shape: [784], classes: 10, extra: { batchNorm: true }, trainable: 203_530 + 2 * 256, total: 203_530 + 4 * 256 },
    { name: 'small-cnn', shape: [32, 32, 3], classes: 10, extra: {}, trainable: 896 + 18_496 + 2304 * 10 + 10, total: 42_442 },
    { name: 'small-cnn', shape: [28, 28, 1], classes: 10, extra: {}, trainable: 320 + 18_496 + 1600 * 10 + 10, total: 34_826 },
    { name: 'small-cnn', shape: [32, 32, 3], classes: 10, extra: { batchNorm: true }, trainable: 42_442 + 2 * 96, total: 42_442 + 4 * 96 },
    // Option A, no conv bias: 0.27M in He et al. 2016 Table 6; 269,722 as in akamaster/pytorch_resnet_cifar10.
    { name: 'resnet20', shape: [32, 32, 3], classes: 10, extra: {}, trainable: 269_722, total: 269_722 + 2 * 688 },
    // Pre-activation, 1x1 projections, no conv bias: 2.7M in Zagoruyko & Komodakis 2016 Table 1; 2,748,890 as in
    // xternalz/WideResNet-pytorch (layer-by-layer sum in wrn-16-4.ts). 1,808 BatchNorm channels.
    { name: 'wrn-16-4', shape: [32, 32, 3], classes: 10, extra: {}, trainable: 2_748_890, total: 2_748_890 + 2 * 1808 },
  ] as const)(
    '$name $shape, $classes classes $extra: $trainable trainable, $total total',
    ({ name, shape, classes, extra, trainable, total }) => {
      const model = build(name, [...shape], classes, 0, extra);
      expect(countTrainableParams(model)).toBe(trainable);
      expect(model.countParams()).toBe(total);
      model.dispose();
    },
  );

  test('resnet50 at 224x224x3, 1000 classes: torchvision resnet50 (25,557,032) + 53,120 BN moving stats', () => {
    const model = build('resnet50', [224, 224, 3], 1000);
    expect(countTrainableParams(model)).toBe(25_557_032);
    // 26,560 BatchNorm channels (stem 64 + 1408 + 3584 + 10240 + 11264), mean and variance each.
    expect(model.countParams()).toBe(25_557_032 + 2 * 26_560);
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
    model.dispose();
  });

  test('resnet18 at 224x224x3, 1000 classes: torchvision resnet18 (11,689,512) + 9,600 BN moving stats', () => {
    const model = build('resnet18', [224, 224, 3], 1000);
    expect(countTrainableParams(model)).toBe(11_689_512);
    // 4,800 BatchNorm channels (stem 64 + 256 + 640 + 1280 + 2560), mean and variance each.
    expect(model.countParams()).toBe(11_689_512 + 2 * 4800);
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
    model.dispose();
  });
});

describe('seeded initialisation', () => {
  test.each([
    ['mlp', [784]],
    ['small-cnn', [28, 28, 1]],
    ['resnet20', [32, 32, 3]],
    ['resnet18', [32, 32, 3]],
    ['wrn-16-4', [32, 32, 3]],
  ] as const)('%s: same seed gives identical weights, another seed different kernels', (name, shape) => {
    // Seed 0 (the suites' default) is the one TF.js' normal generators once took for "unseeded".
    const [a, b, c] = [0, 0, 1].map((seed) => build(name, [...shape], 10, seed));
    const [wa, wb, wc] = [a!, b!, c!].map(weightBytes) as [Buffer[], Buffer[], Buffer[]];
    expect(wb.length).toBe(wa.length);
    // Indices of the weights that differ: none for the same seed, every kernel for another.
    expect(wb.flatMap((w, i) => (w.equals(wa[i]!) ? [] : [i]))).toEqual([]);
    const kernels = a!.trainableWeights.map((w, i) => [w, i] as const).filter(([w]) => w.shape.length > 1);
    expect(kernels.length).toBeGreaterThan(1);
    expect(kernels.filter(([, i]) => wc[i]!.equals(wa[i]!)).map(([w]) => w.name)).toEqual([]);
    [a, b, c].forEach((m) => m!.dispose());
  });
});

describe('SeededInit', () => {
  // tfjs-core's truncatedNormal / randomNormal draw from Math.random when given seed 0.
  test.each([0, 1, 2 ** 40 - 1])('run seed %d: every layer gets its own non-zero seed', (seed) => {
    const init = new SeededInit(seed);
    const seeds = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? init.he() : init.glorot()).getConfig().seed as number);
    expect(seeds.filter((s) => !Number.isSafeInteger(s) || s <= 0)).toEqual([]);
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  test('run seeds outside [0, 2^40) are refused', () => {
    for (const seed of [-1, 0.5, 2 ** 40]) expect(() => new SeededInit(seed)).toThrow('model seed must be an integer in [0, 2^40)');
  });
});

describe('forward pass', () => {
  test.each([
    ['mlp', [784]],
    ['small-cnn', [32, 32, 3]],
    ['resnet20', [32, 32, 3]],
    // Conv and dense weights do not depend on the spatial size: 32x32 keeps this test fast.
    ['resnet50', [32, 32, 3]],
    ['resnet18', [32, 32, 3]],
    ['wrn-16-4', [32, 32, 3]],
    ['vit-tiny', [28, 28, 1]],
  ] as const)('%s gives [batch, classes] logits and leaks no tensors', (name, shape) => {
    const model = build(name, [...shape], 7, 1);
    const before = tf.memory().numTensors;
    const logits = tf.tidy(() => model.predict(tf.randomUniform([3, ...shape], 0, 1, 'float32', 1)) as tf.Tensor);
    expect(logits.shape).toEqual([3, 7]);
    // Logits, not probabilities: the last layer is linear, and rows need not sum to 1.
    expect(model.layers.at(-1)!.getConfig().activation).toBe('linear');
    expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
    logits.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('training step', () => {
  test.each([
    ['mlp', [784], { batchNorm: true }],
    ['small-cnn', [28, 28, 1], { batchNorm: true }],
    ['resnet20', [32, 32, 3], {}],
    ['resnet18', [32, 32, 3], {}],
    // 16x16 keeps the widest model's backward pass short on two cores; every layer still runs.
    ['wrn-16-4', [16, 16, 3], {}],
    ['vit-tiny', [28, 28, 1], {}],
  ] as const)('%s: every trainable weight gets a finite gradient of the softmax cross-entropy', (name, shape, extra) => {
    const model = build(name, [...shape], 10, 2, extra);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const xs = tf.randomUniform([4, ...shape], 0, 1, 'float32', 3);
      const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 10);
      const logits = model.apply(xs, { training: true }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(ys, logits);
    });
    expect(Object.keys(grads)).toHaveLength(model.trainableWeights.length);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    // BatchNorm's moving-stat updates replace their old values, so the tensor count is unchanged.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('input shapes', () => {
  test.each(['small-cnn', 'resnet20', 'resnet18', 'resnet50', 'wrn-16-4'] as const)('%s rejects rank-1 and rank-2 inputs', (name) => {
    expect(() => build(name, [784])).toThrow(`model "${name}" needs image inputs of shape [height, width, channels] (got [784], rank 1)`);
    expect(() => build(name, [28, 28])).toThrow('(got [28, 28], rank 2)');
  });

  test('small-cnn rejects images too small for two conv/pool stages', () => {
    expect(() => build('small-cnn', [9, 12, 1])).toThrow('model "small-cnn" needs inputs of at least 10x10 (got 9x12)');
    build('small-cnn', [10, 10, 1]).dispose();
  });

  test('an unknown name lists the known ones', () => {
    expect(() => build('vgg16' as never, [32, 32, 3])).toThrow(
      `unknown model "vgg16"; expected one of ${Object.keys(MODEL_BUILDERS).join(', ')}`,
    );
  });
});

describe('wrn-16-4 structure', () => {
  test('pre-activation: every conv after the stem reads a relu, and no relu follows an add', () => {
    const model = build('wrn-16-4', [32, 32, 3]);
    const kind = (l: tfl.layers.Layer) => l.getClassName();
    const inputsOf = (l: tfl.layers.Layer) => l.inboundNodes.flatMap((n) => n.inboundLayers).map(kind);
    const convs = model.layers.filter((l) => kind(l) === 'Conv2D');
    // stem + 3 groups × 2 blocks × 2 convs + a 1x1 projection opening each group (16→64, 64→128, 128→256).
    expect(convs).toHaveLength(1 + 12 + 3);
    expect(convs.filter((l) => (l.getConfig().kernelSize as number[])[0] === 1)).toHaveLength(3);
    for (const c of convs) expect(inputsOf(c)).toEqual([c.name === 'stem_conv' ? 'InputLayer' : 'Activation']);
    const adds = model.layers.filter((l) => kind(l) === 'Add');
    expect(adds).toHaveLength(6);
    for (const a of adds) {
      const next = a.outboundNodes.map((n) => kind(n.outboundLayer));
      expect(next).toContain('BatchNormalization');
      expect(next).not.toContain('Activation');
    }
    // Head: final BN → relu → pool → logits.
    expect(model.layers.slice(-4).map((l) => l.name)).toEqual(['final_bn', 'final_relu', 'avg_pool', 'logits']);
    model.dispose();
  });
});

describe('PadShortcut (option A)', () => {
  test('subsamples by the stride and zero-pads channels evenly, passing gradients through', () => {
    const layer = new PadShortcut({ filters: 4, stride: 2 });
    const x = tf.range(0, 32).reshape([1, 4, 4, 2]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, 2, 4]);
    // Pixel (0,0) holds [0, 1], (0,2) holds [4, 5]; channels 0 and 3 are padding.
    expect(Array.from(y.dataSync()).slice(0, 8)).toEqual([0, 0, 1, 0, 0, 4, 5, 0]);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x);
    expect(tf.sum(grad).dataSync()[0]).toBe(8); // 4 kept pixels × 2 channels
    expect(layer.computeOutputShape([null, 5, 5, 2])).toEqual([null, 3, 3, 4]);
  });

  test('resnet20 survives a JSON round trip (the layer is registered)', async () => {
    const model = build('resnet20', [32, 32, 3]);
    const topology = model.toJSON(undefined, false) as Exclude<ReturnType<typeof model.toJSON>, string>;
    const copy = await tfl.models.modelFromJSON({ modelTopology: topology });
    expect(countTrainableParams(copy)).toBe(countTrainableParams(model));
    [model, copy].forEach((m) => m.dispose());
  });
});
