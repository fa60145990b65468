// The method card's claims that sambench checks, each with the card's own words and the suites
// (suites/claims/) whose verdicts decide it. `npm run claims` runs them and writes one page.
// The suites hold every setting and say why it was chosen; this list only ties them to the card.

/** Two suites whose SAM gains are compared seed by seed: `subject`'s gain minus `reference`'s. */
export interface GainComparison {
  /** Names the comparison in the page, e.g. `vit-gain-over-cnn`. */
  name: string;
  subject: string;
  reference: string;
  /** The SAM runs at this interval in both suites. */
  interval: number;
  /** What the difference is said to show when its interval lies above 0. */
  meaning: string;
}

/** One claim of the method card and the suites that check it. */
export interface MethodCardClaim {
  /** Short, file-safe name: the claim's section on the page and its results folder's prefix. */
  id: string;
  title: string;
  /** The card's sentence(s), verbatim. */
  cardWords: string;
  /** Suite files under suites/claims/, relative to the project root. */
  suites: string[];
  /** Kinds of the suites' expectations that decide the claim; the others are shown as context. */
  decidingKinds: string[];
  comparison?: GainComparison;
}

/** Every claim `npm run claims` checks, in the order of its page. */
export const METHOD_CARD_CLAIMS: readonly MethodCardClaim[] = [
  {
    id: 'data-parallel',
    title: 'Unsynchronised first gradient in data-parallel training',
    cardWords:
      'We also include a small optimization for data-parallel training such that the first set of gradients computed by the SAM optimizer is not synchronized across devices. This optimization means that the observed impact of SAM on throughput is slightly less than what might be expected for various settings of `interval`. We find that this optimization appears to even slightly improve quality, like by the introduction of stochasticity.',
    suites: ['suites/claims/data-parallel.json'],
    decidingKinds: ['data-parallel'],
  },
  {
    id: 'overfitting',
    title: 'SAM prevents overfitting at long training durations',
    cardWords: 'Notably, the authors report that SAM seems to prevent overfitting at long training durations.',
    suites: ['suites/claims/overfitting.json'],
    decidingKinds: ['overfitting'],
  },
  {
    id: 'composability',
    title: 'Diminishing returns with MixUp and label smoothing',
    cardWords:
      'The benefit of SAM derives at least in part from its regularizing effects, and so it is expected to yield diminishing returns when composed with other regularization methods such as MixUp and label smoothing.',
    suites: ['suites/claims/composability.json'],
    decidingKinds: ['gain-diminishes'],
  },
  {
    id: 'vit',
    title: 'SAM on vision transformers',
    cardWords:
      'These results have been replicated and/or extended by Brock et al., (2021) and MosaicML, and extended to vision transformers by Chen et al., (2021).',
    suites: ['suites/claims/vit.json', 'suites/claims/vit-cnn.json'],
    decidingKinds: [],
    comparison: {
      name: 'vit-gain-over-cnn',
      subject: 'suites/claims/vit.json',
      reference: 'suites/claims/vit-cnn.json',
      interval: 1,
      meaning: "SAM's gain on vit-tiny minus its gain on small-cnn, same seeds: above 0 when the ViT gains more (Chen et al. 2021)",
    },
  },
  {
    id: 'memory',
    title: "Memory: SAM's peak over no SAM's, one parameter copy predicted (the card says nothing)",
    cardWords:
      'SAM finds neighborhoods of low loss by computing a gradient twice for each optimization step. […] The final result of the optimization step is the original parameters, adjusted according to the second gradients computed.',
    suites: ['suites/claims/memory.json', 'suites/claims/memory-torch.json'],
    decidingKinds: ['memory-overhead'],
  },
];
