// Reads an ImageNet-style folder: <path>/train/<class>/*.{jpg,jpeg,png} and <path>/val/<class>/….
// The whole split is decoded and resized at start-up and kept as bytes (height × width × 3 per
// image: 150 KB at 224 × 224), so this suits moderate sizes, not all of ImageNet.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { readDataFile } from './data-file.js';
import { DataFileError } from './errors.js';
import { sharedBytes } from './in-memory.js';
import type { RawSplit } from './types.js';

/** The two splits of an image folder (its subfolders). */
export type ImageFolderSplitName = 'train' | 'val';

/** What to read and how. */
export interface ImageFolderOptions {
  /** [height, width] every image is resized to (bilinear, half-pixel centres). */
  imageSize: [number, number];
  /** An undecodable file is skipped and counted, or stops the load with a DataFileError. */
  onBadImage: 'skip' | 'fail';
  /** Images to keep (all when null). */
  limit: number | null;
}

/** An image folder's split: RawSplit plus its class names (index = label). */
export interface ImageFolderSplit extends RawSplit {
  images: Uint8Array;
  shape: [number, number, number];
  classNames: string[];
}

const IMAGE_FILE = /\.(jpe?g|png)$/i;
// How many skipped files are named in SkippedImages.examples.
const EXAMPLES_KEPT = 5;

// Sorted, so the same folder always gives the same labels, in both splits.
/** The class names of an image folder: the subfolders of `dir/train`, sorted. */
export function imageFolderClasses(dir: string): string[] {
  const train = path.join(dir, 'train');
  const classes = subfolders(train, 'an image folder holds train/<class>/*.jpg|png (and val/<class>/… for evaluation)');
  if (classes.length === 0) throw new DataFileError(train, 'missing', 'holds no class folders; expected train/<class>/*.jpg|png');
  return classes;
}

/**
 * The files of a split, labelled by the train split's classes, in sorted order taken
 * round-robin over the classes (so a `limit` keeps every class).
 */
export function listImageFolder(
  dir: string,
  split: ImageFolderSplitName,
): { classNames: string[]; files: Array<{ file: string; label: number }> } {
  const classNames = imageFolderClasses(dir);
  const splitDir = path.join(dir, split);
  const present = split === 'train' ? classNames : subfolders(splitDir, "evaluation reads an image folder's val/<class>/*.jpg|png");
  const unknown = present.find((name) => !classNames.includes(name));
  if (unknown !== undefined) {
    throw new DataFileError(
      path.join(splitDir, unknown),
      'unknown-class',
      `is not a class of ${path.join(dir, 'train')} (its classes: ${classNames.join(', ')})`,
    );
  }
  const perClass = classNames.map((name) => {
    const folder = path.join(splitDir, name);
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => IMAGE_FILE.test(f))
      .sort()
      .map((f) => path.join(folder, f));
  });
  const files: Array<{ file: string; label: number }> = [];
  const longest = Math.max(...perClass.map((f) => f.length));
  for (let i = 0; i < longest; i++) perClass.forEach((list, label) => list[i] !== undefined && files.push({ file: list[i]!, label }));
  return { classNames, files };
}

/** Decodes a split (natively, so the active TF.js backend must be "tensorflow") into [height, width, 3] bytes. */
export async function loadImageFolderSplit(
  dir: string,
  split: ImageFolderSplitName,
  options: ImageFolderOptions,
): Promise<ImageFolderSplit> {
  if (tf.getBackend() !== 'tensorflow') {
    throw new Error(
      `dataset "image-folder" decodes images with native TensorFlow: use backend "tensorflow" (active: "${tf.getBackend()}")`,
    );
  }
  const { node } = await import('@tensorflow/tfjs-node');
  const { classNames, files } = listImageFolder(dir, split);
  const [height, width] = options.imageSize;
  const imageBytes = height * width * 3;
  const wanted = Math.min(options.limit ?? files.length, files.length);
  const images = sharedBytes(wanted * imageBytes);
  // Bytes would wrap past 256 classes (ImageNet has 1,000).
  const labels = new Uint16Array(wanted);
  const skipped: RawSplit['skipped'] = { count: 0, examples: [] };
  let count = 0;
  for (const { file, label } of files) {
    if (count === wanted) break;
    let pixels: Int32Array;
    try {
      // A device, FIFO or huge file named *.jpg is a bad image: refused before it is read.
      const bytes = readDataFile(file);
      pixels = tf
        .tidy(() => {
          const decoded = node.decodeImage(bytes, 3, 'int32', false) as tf.Tensor3D;
          const resized = tf.image.resizeBilinear(decoded, [height, width], false, true);
          return tf.clipByValue(tf.round(resized), 0, 255).toInt();
        })
        .dataSync() as Int32Array;
    } catch (error) {
      const unreadable = error instanceof DataFileError;
      const reason = unreadable ? error.message.slice(file.length + 2) : decodeReason(error);
      if (options.onBadImage === 'fail') {
        if (unreadable) throw error;
        throw new DataFileError(file, 'bad-image', `cannot decode image (${reason}); set dataset.onBadImage to "skip" to skip such files`, {
          cause: error,
        });
      }
      skipped.count += 1;
      if (skipped.examples.length < EXAMPLES_KEPT) skipped.examples.push({ file, reason });
      continue;
    }
    images.set(pixels, count * imageBytes);
    labels[count] = label;
    count += 1;
  }
  return {
    images: images.subarray(0, count * imageBytes),
    labels: labels.subarray(0, count),
    count,
    shape: [height, width, 3],
    origin: path.join(dir, split),
    skipped,
    classNames,
  };
}

function subfolders(dir: string, expected: string): string[] {
  if (!fs.existsSync(dir)) throw new DataFileError(dir, 'missing', `no such folder; ${expected}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

// TensorFlow's status text is "Invalid TF_Status: 3\nMessage: <reason>"; keep the reason.
function decodeReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (/Message: (.*)/.exec(text)?.[1] ?? text.split('\n')[0] ?? text).trim();
}
