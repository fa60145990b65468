// Which files a user's model is read from, and the run spec's `model.sha256` over them
// (schemas/run-spec.schema.json), defined once, so the suite loader that writes the digest and
// the worker that reads the files and checks it agree.
import crypto from 'node:crypto';
import path from 'node:path';
import { shown } from './issues.js';

/**
 * A problem with a user's model or SAM variant (a file, an export, what it builds), at the key that
 * names it (`/model/path`, `/model/export`; a suite's `/matrix/variant/1/path`, a run spec's `/sam/variant/path`).
 */
export class ModelFileProblem extends Error {
  constructor(
    readonly pointer: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One file a user's model is read from, with the SHA-256 of its bytes. */
export interface ModelFile {
  path: string;
  sha256: string;
}

/** The SHA-256 of `bytes`, in lower-case hex. */
export const sha256Hex = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

// Names are relative to the first file's folder, so a model moved whole keeps its digest.
/** One digest over every file's name (relative to the first) and content digest, in order. */
export function modelDigest(files: readonly ModelFile[]): string {
  const base = path.dirname(files[0]!.path);
  return sha256Hex(Buffer.from(files.map((f) => `${path.relative(base, f.path)}\0${f.sha256}\n`).join('')));
}

// A weight file named by a model.json stays beside it: an absolute path or one that leaves the folder is refused.
/** The weight files `modelJson` (whose text is `text`) names, absolute, in its manifest's order. @throws ModelFileProblem */
export function layersWeightFiles(modelJson: string, text: string): string[] {
  let manifest: unknown;
  try {
    manifest = (JSON.parse(text) as { weightsManifest?: unknown }).weightsManifest;
  } catch (error) {
    throw new ModelFileProblem('/model/path', `${modelJson} is not JSON (${(error as Error).message}); expected a TF.js Layers model.json`);
  }
  if (!Array.isArray(manifest)) {
    throw new ModelFileProblem(
      '/model/path',
      `${modelJson} has no weightsManifest; expected a model.json as model.save('file://…') writes it`,
    );
  }
  const dir = path.dirname(modelJson);
  return manifest.flatMap((group: { paths?: unknown }) => {
    const paths = Array.isArray(group?.paths) ? group.paths : [];
    return paths.map((name: unknown) => {
      const file = typeof name === 'string' ? path.resolve(dir, name) : '';
      if (typeof name !== 'string' || path.isAbsolute(name) || !file.startsWith(dir + path.sep)) {
        throw new ModelFileProblem('/model/path', `${modelJson} names weight file ${shown(name)}, which is not a file beside it`);
      }
      return file;
    });
  });
}
