// A TF.js model as an ES module: sambench calls createModel(tf, {inputShape, classes, seed, args})
// and trains what it returns. The layers must output logits (no softmax); seed every initializer
// from `seed`, so that a SAM run and its no-SAM baseline start from the same weights.
export function createModel(tf, { inputShape, classes, seed, args }) {
  const width = args.width ?? 16;
  const init = (offset) => tf.initializers.heNormal({ seed: seed + offset });
  return tf.sequential({
    name: 'my-cnn',
    layers: [
      tf.layers.conv2d({ inputShape, filters: width, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 2 * width, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) }),
    ],
  });
}
