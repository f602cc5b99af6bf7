// Published test-set figures shown next to ours. Each row says where it comes from and which of its
// numbers were checked against a source (`verified`); unchecked numbers are shown but marked.

/** A published joint intent + slot result on SNIPS or ATIS (Goo et al. 2018 split), in percent. */
export interface PublishedSlu {
  system: string;
  citation: string;
  snips: { slotF1: number; intentAcc: number; sentenceAcc: number };
  atis: { slotF1: number; intentAcc: number; sentenceAcc: number };
  /** Which numbers were checked, and where. */
  verified: { figures: string[]; source: string }[];
}

export const PUBLISHED_SLU: readonly PublishedSlu[] = [
  {
    system: 'Slot-Gated',
    citation: 'Goo et al. (2018), Slot-Gated Modeling for Joint Slot Filling and Intent Prediction, NAACL (N18-2118)',
    snips: { slotF1: 88.8, intentAcc: 97.0, sentenceAcc: 75.5 },
    atis: { slotF1: 94.8, intentAcc: 93.6, sentenceAcc: 82.2 },
    verified: [{ figures: ['snips.slotF1', 'snips.intentAcc'], source: 'https://www.paperswithcode.com/paper/slot-gated-modeling-for-joint-slot-filling' }],
  },
  {
    system: 'Capsule-NLU',
    citation: 'Zhang et al. (2019), Joint Slot Filling and Intent Detection via Capsule Neural Networks, ACL',
    snips: { slotF1: 91.8, intentAcc: 97.3, sentenceAcc: 80.9 },
    atis: { slotF1: 95.2, intentAcc: 95.0, sentenceAcc: 83.4 },
    verified: [
      { figures: ['snips.slotF1', 'atis.slotF1'], source: 'https://www.wizwand.com/paper/68fa65fe1e209131cea0dd1d' },
      { figures: ['snips.intentAcc', 'atis.intentAcc'], source: 'https://sotaverified.org/papers/joint-slot-filling-and-intent-detection-via' },
    ],
  },
  {
    system: 'Stack-Propagation',
    citation: 'Qin et al. (2019), A Stack-Propagation Framework with Token-Level Intent Detection for SLU, EMNLP (D19-1214)',
    snips: { slotF1: 94.2, intentAcc: 98.0, sentenceAcc: 86.9 },
    atis: { slotF1: 95.9, intentAcc: 96.9, sentenceAcc: 86.5 },
    verified: [{ figures: ['snips.slotF1', 'snips.intentAcc'], source: 'https://paperswithcode.com/paper/?acl=D19-1214' }],
  },
  {
    system: 'JointBERT',
    citation: 'Chen et al. (2019), BERT for Joint Intent Classification and Slot Filling, arXiv:1902.10909',
    snips: { slotF1: 97.0, intentAcc: 98.6, sentenceAcc: 92.8 },
    atis: { slotF1: 96.1, intentAcc: 97.5, sentenceAcc: 88.2 },
    verified: [{ figures: ['snips.slotF1', 'snips.intentAcc', 'atis.slotF1', 'atis.intentAcc'], source: 'https://www.wizwand.com/paper/68fa65721e209131cea0a7a0' }],
  },
];

/** Whether a figure ('snips.slotF1') of a row was checked against a source. */
export function isVerified(row: PublishedSlu, figure: string): boolean {
  return row.verified.some((v) => v.figures.includes(figure));
}

/** Published CoNLL-2003 English NER test F1 rows (percent). */
export const PUBLISHED_CONLL: readonly { system: string; f1: number; source: string; note: string }[] = [
  {
    system: 'spaCy CNN (2020)',
    f1: 88.4,
    source: 'explosion/spaCy website/docs/usage/_benchmarks-models.md (spaCy v3 development version of the Facts & Figures NER table)',
    note: 'that table was marked "TODO: update numbers" and the CNN row is absent from the current docs; the 87.4 F1 sometimes quoted for it was not found in any version of that page',
  },
  {
    system: 'spaCy RoBERTa (2020)',
    f1: 91.6,
    source: 'https://spacy.io/usage/facts-figures (website/docs/usage/_benchmarks-models.mdx)',
    note: 'transformer pipeline, for scale',
  },
];
