// Kernel name → op family, for `npm run bench:profile`: one pure function over the rows both
// profilers give (TF.js' tf.profile kernels, PyTorch's torch.profiler self times), so the two
// frameworks' steps add up to the same table. No TensorFlow here.

/** The op families of the profile table, in table order. */
export const FAMILIES = [
  'conv forward',
  'conv filter-grad',
  'conv input-grad',
  // PyTorch's CPU conv backward computes both gradients in one op (aten::convolution_backward).
  'conv grad (filter+input in one op)',
  'matmul',
  'pooling fwd',
  'pooling bwd',
  'batchnorm fwd',
  'batchnorm bwd',
  'relu',
  'elementwise',
  'optimizer update',
  'data movement / other',
] as const;
/** One of FAMILIES. */
export type Family = (typeof FAMILIES)[number];

/** Which part of the training step a kernel ran in. */
export type Phase = 'forward' | 'backward' | 'update' | 'other';

/** One kernel call of one profiled step. */
export interface KernelRow {
  framework: 'tfjs' | 'torch';
  /** Profiled step, from 0. */
  step: number;
  /** Kernel name as the profiler gives it: `Conv2DBackpropFilter`, `aten::convolution_backward`. */
  name: string;
  phase: Phase;
  /** TF.js: the ops the kernel ran inside, outermost first (`moments/mean`); PyTorch: null. */
  scope?: string | null;
  /** The forward op whose gradient this kernel computes (TF.js tape node / PyTorch autograd node), if known. */
  gradOf: string | null;
  /** Time in the kernel itself, ms (PyTorch: self CPU time, children excluded). */
  ms: number;
}

// Compute kernels by their normalised name (lower case, no `aten::`): first match wins.
const BY_NAME: [Family, RegExp][] = [
  ['conv filter-grad', /^(conv2dbackpropfilter|depthwiseconv2dnativebackpropfilter)$/],
  ['conv input-grad', /^(conv2dbackpropinput|depthwiseconv2dnativebackpropinput)$/],
  ['conv grad (filter+input in one op)', /^(mkldnn_)?convolution_backward|^(_slow_)?conv2d_backward|^thnn_conv2d_backward/],
  [
    'conv forward',
    /^(fusedconv2d|conv2d|depthwiseconv2dnative|fuseddepthwiseconv2d|_?convolution|mkldnn_convolution|_slow_conv2d_forward)$/,
  ],
  ['pooling bwd', /^(maxpoolgrad|avgpoolgrad|max_pool2d_with_indices_backward|avg_pool2d_backward|_?adaptive_avg_pool2d_backward)$/],
  ['pooling fwd', /^(maxpool|avgpool|max_pool2d(_with_indices)?|avg_pool2d|_?adaptive_avg_pool2d)$/],
  ['batchnorm bwd', /^(fusedbatchnormgrad(v\d)?|sambenchfusedbatchnormtraininggrad|native_batch_norm_backward|batch_norm_backward)$/],
  [
    'batchnorm fwd',
    /^(fusedbatchnorm(v\d)?|sambenchfusedbatchnormtraining|native_batch_norm|batch_norm|_batch_norm_impl_index|_native_batch_norm_legit(_no_training)?)$/,
  ],
  ['matmul', /^(batchmatmul|_?fusedmatmul|matmul|addmm|mm|bmm|linear)$/],
  ['relu', /^(relu6?|relu_|clamp_min_?|threshold_backward|step)$/],
];
// Data movement by name, after the context rules (a Tile inside a BatchNorm gradient is BatchNorm's cost).
const DATA_MOVEMENT = new RegExp(
  '^(reshape|transpose|padv?2?|mirrorpad|slice|stridedslice|concat|pack|unpack|splitv|tile|gatherv2|cast|identity|fill|zeroslike|' +
    'oneslike|expanddims|squeeze|broadcastto|reverse|copy_|empty(_like|_strided)?|view|as_strided_?|t|permute|contiguous|clone|to|' +
    '_to_copy|fill_|zero_|zeros(_like)?|ones(_like)?|select|constant_pad_nd|cat|stack|detach_?|resize_|expand|flatten|unsqueeze|' +
    '_unsafe_view|alias|narrow|split)$',
);

// Kernels that are plain elementwise ops by name, told apart by the op they ran in (forward: the
// scope) or whose gradient they compute (backward): TF.js' training BatchNorm is moments (Mean,
// Sub, Square) + FusedBatchNorm, and its BatchNorm and relu gradients are Mul, Sub, Sum, Select, ….
const BY_CONTEXT: [forward: Family, backward: Family, pattern: RegExp][] = [
  ['batchnorm fwd', 'batchnorm bwd', /batchnorm|batch_norm|moments/i],
  ['pooling fwd', 'pooling bwd', /pool/i],
  ['relu', 'relu', /(^|\/)relu/i],
];

/** The family of one kernel call; anything unrecognised is elementwise, profiler bookkeeping is "other". */
export function kernelFamily(row: Pick<KernelRow, 'name' | 'phase' | 'scope' | 'gradOf'>): Family {
  if (row.phase === 'update') return 'optimizer update';
  // Not an op: PyTorch's record_function ranges, autograd nodes and engine frames (their self time).
  if (/[#: ]/.test(row.name.replace(/^aten::/, '')) || /Backward\d*$/.test(row.name)) return 'data movement / other';
  const name = row.name.replace(/^aten::/, '').toLowerCase();
  const named = BY_NAME.find(([, pattern]) => pattern.test(name));
  if (named) return named[0];
  const context = row.phase === 'backward' ? row.gradOf : row.scope;
  const rule = context ? BY_CONTEXT.find(([, , pattern]) => pattern.test(context)) : undefined;
  if (rule) return row.phase === 'backward' ? rule[1] : rule[0];
  return DATA_MOVEMENT.test(name) ? 'data movement / other' : 'elementwise';
}

/** One family's time in an average profiled step. */
export interface FamilyTotal {
  family: Family;
  /** Mean ms per step. */
  ms: number;
  /** Fraction of the kernels' total, 0–1. */
  share: number;
  /** Kernel calls per step. */
  calls: number;
}

/** Per-step totals by family (every family, in table order; zeros included) and the per-step kernel total. */
export function aggregateByFamily(rows: readonly KernelRow[], steps: number): { families: FamilyTotal[]; totalMs: number } {
  if (!Number.isSafeInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer; got ${steps}`);
  const sums = new Map<Family, { ms: number; calls: number }>(FAMILIES.map((f) => [f, { ms: 0, calls: 0 }]));
  for (const row of rows) {
    const sum = sums.get(kernelFamily(row))!;
    sum.ms += row.ms;
    sum.calls += 1;
  }
  const totalMs = rows.reduce((t, r) => t + r.ms, 0) / steps;
  const families = FAMILIES.map((family) => {
    const { ms, calls } = sums.get(family)!;
    return { family, ms: ms / steps, share: totalMs > 0 ? ms / steps / totalMs : 0, calls: calls / steps };
  });
  return { families, totalMs };
}
