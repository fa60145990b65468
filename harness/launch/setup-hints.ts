// What to install or run when a TF.js backend is missing: said by the preflight before any run and by
// the worker when a backend fails to load. A module of its own, importing nothing, so each worker
// process does not load the preflight's process tooling (execa, about 0.1 s) before it starts.

/** Said when backend "tensorflow-gpu" is asked for and its package is not installed. */
export const GPU_BACKEND_HINT =
  'backend "tensorflow-gpu" needs @tensorflow/tfjs-node-gpu: install it with `npm install @tensorflow/tfjs-node-gpu@4.22.0` ' +
  'on a Linux x86_64 machine with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1 (it runs libtensorflow 2.9.1); for newer CUDA use framework "torch"';

/** Says how to install native TensorFlow for backend "tensorflow". */
export const NATIVE_SETUP_HINT =
  'run `npm run setup` (`npx sambench setup` in a project that depends on sambench; it installs libtensorflow, from the tensorflow-cpu wheel when Google storage is out of reach, and builds the binding)';
