// The files each file dataset is read from: what the worker opens, and what a suite's
// dataset.path is checked for before any run starts.

/** The files of each split; an IDX file may also be gzip-compressed (its name + `.gz`). */
export const DATASET_FILES = {
  idx: {
    train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
    test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
  },
  cifar10: {
    train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    test: ['test_batch.bin'],
  },
} as const;

/** What `dataset.path` must be for each file dataset, in the user's words. */
export const EXPECTED_DATASET_FOLDER = {
  mnist: 'the folder holding train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] (t10k-… for evaluation)',
  'fashion-mnist': 'the folder holding train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] (t10k-… for evaluation)',
  cifar10: 'the folder holding the binary batches data_batch_1.bin … data_batch_5.bin and test_batch.bin',
  'image-folder': 'the folder holding train/<class>/*.jpg|png (and val/<class>/… for evaluation)',
} as const;
