// sambench's library entry: the SAM optimizer and the backend loader.
export * from './sam/index.js';
export { loadBackend, BACKEND_NAMES, type BackendName, type BackendInfo } from './worker/backend.js';
