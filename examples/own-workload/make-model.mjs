// Writes tfjs-model/model.json and its weights with TF.js's own model.save, as a TF.js user holds a
// trained or converted Keras model (tensorflowjs_converter --input_format keras writes the same).
//
//   node examples/own-workload/make-model.mjs [out-folder]
//
// Needs @tensorflow/tfjs-node (sambench's `npm ci` sets it up); the model is model.mjs's, at the
// shape of make-data.py's images.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-node';
import { createModel } from './model.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, 'tfjs-model'));
const model = createModel(tf, { inputShape: [16, 16, 1], classes: 10, seed: 0, args: {} });
await model.save(`file://${out}`);
console.log(`wrote ${path.join(out, 'model.json')} (${model.countParams()} parameters)`);
