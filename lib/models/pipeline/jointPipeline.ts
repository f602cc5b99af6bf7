import { collectParams, disposeLayer, Rng, tf } from '../../engine';
import { tokenize } from '../../data/tokenize';
import type { Example } from '../../data/types';
import { WorkbenchError } from '../../errors';
import { makeBatch } from '../inputs/batch';
import { lengthSortedBatches } from '../inputs/batching';
import type { ModelConfig } from '../config/types';
import { catRecord, decodeEntities } from '../crf/decode';
import { catTagPenalties, decodeConsistent, HARD_PENALTY } from '../crf/catConsistent';
import { prepareForPrediction, type PreparedDoc } from '../inputs/doc';
import { savePipeline, type PipelineParts } from './save';
import { Featurizer, type FeatureSettings } from '../encoder/features';
import type { LabelSet } from '../inputs/labels';
import { catProbabilities } from '../heads/losses';
import { NgramHasher, type NgramSettings } from '../heads/ngrams';
import type { Pipeline, Prediction } from './pipeline';
import type { SchemeModel } from '../schemes/contract';
import type { TagConstraints } from '../crf/tagConstraints';
import { decodableScores, taggerDecoder } from '../heads/tagger';

export type { NgramSettings } from '../heads/ngrams';
export type { PipelineParts } from './save';

/**
 * A trained joint pipeline: featurises texts, runs the scheme's model in length-sorted batches,
 * decodes tags with constrained Viterbi and returns entities with character offsets and category
 * probabilities. Training and saving live elsewhere (trainPipeline, savePipeline).
 */
export class JointPipeline implements Pipeline {
  readonly config: ModelConfig;
  readonly labelSet: LabelSet;
  readonly featurizer: Featurizer;
  readonly ngramHasher: NgramHasher | undefined;
  readonly model: SchemeModel;
  /** Transition constraints of the tag set the model decodes (`model.tagLabels`: the labels' tags unless the scheme has its own). */
  readonly constraints: TagConstraints;
  private disposed = false;

  constructor(parts: PipelineParts, model: SchemeModel) {
    this.config = parts.config;
    this.labelSet = parts.labels;
    this.featurizer = new Featurizer(parts.features);
    this.ngramHasher = parts.ngrams ? NgramHasher.fromSettings(parts.ngrams) : undefined;
    this.model = model;
    this.constraints = model.constraints;
  }

  /** Entity and category labels. */
  get labels(): { ents: string[]; cats: string[] } {
    return { ents: [...this.labelSet.ents], cats: [...this.labelSet.cats] };
  }

  /**
   * Switches decoding options of a trained or loaded pipeline (recorded in its config, so save()
   * keeps them): 'on' = consistency as a hard constraint, 'off' = independent decoding, 'auto' =
   * the penalty training chose on dev (labels.catPenalty). 'on' needs what catConsistentApplies()
   * checks (exclusive categories, labels.catEnts, a tagger over the entity labels themselves); E010
   * says when it cannot apply rather than leaving decoding silently independent.
   */
  configureDecoding(opts: { catConsistent?: 'auto' | 'on' | 'off' }): void {
    const mode = opts.catConsistent;
    if (mode === undefined) return;
    if (mode !== 'auto' && mode !== 'on' && mode !== 'off') throw new WorkbenchError('E010', `catConsistent must be "auto", "on" or "off", got ${JSON.stringify(mode)}`, { field: 'catConsistent' });
    if (mode === 'on' && !this.catConsistentApplies()) {
      const why = !this.labelSet.catEnts
        ? 'exclusive categories with entity labels, and labels.catEnts (recorded by training since this option exists)'
        : `a tagger over the entity labels themselves; scheme ${this.config.scheme} tags its own label set (its categories already condition the entities)`;
      throw new WorkbenchError('E010', `catConsistent "on" needs ${why}`, { field: 'catConsistent' });
    }
    this.config.heads.tagger.catConsistent = mode;
  }

  /** The JSON parts save() writes. */
  get parts(): PipelineParts {
    return {
      config: this.config,
      labels: this.labelSet,
      features: this.featurizer.settings,
      ...(this.ngramHasher ? { ngrams: this.ngramHasher.settings } : {}),
    };
  }

  /** Every param under its stable name (what save() writes). */
  params(): Map<string, tf.Variable> {
    this.checkAlive();
    return collectParams(this.model.root);
  }

  predict(text: string): Prediction;
  predict(texts: string[]): Prediction[];
  predict(input: string | string[]): Prediction | Prediction[] {
    const texts = typeof input === 'string' ? [input] : input;
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
      throw new WorkbenchError('E007', 'predict() takes a string or an array of strings', { field: 'texts' });
    }
    const preds = this.predictDocs(prepareForPrediction(texts.map((text) => ({ text, tokens: tokenize(text) }))));
    return typeof input === 'string' ? preds[0] : preds;
  }

  predictExamples(examples: Example[]): Example[] {
    const preds = this.predictDocs(prepareForPrediction(examples));
    return examples.map((eg, i) => ({
      ...eg,
      spans: preds[i].ents.map(({ start, end, label }) => ({ start, end, label })),
      cats: preds[i].cats,
    }));
  }

  /** Predictions for prepared docs, in their order (batched by length, then the scheme's postprocess). */
  predictDocs(docs: PreparedDoc[]): Prediction[] {
    this.checkAlive();
    const out = new Array<Prediction>(docs.length);
    const decoder = taggerDecoder(this.model.tagger, this.constraints);
    const rng = new Rng(0); // inference uses no randomness; the context needs one
    const nCats = this.labelSet.cats.length;
    const penalties = this.catPenalties();
    for (const idx of lengthSortedBatches(docs.map((d) => d.tokens.length), this.config.training.predictBatchSize)) {
      const batchDocs = idx.map((i) => docs[i]);
      const batch = makeBatch(batchDocs, this.featurizer, nCats, this.ngramHasher);
      let scores: Float32Array | undefined;
      let probs: Float32Array | undefined;
      // Nothing is returned from tidy: it would walk a returned typed array element by element.
      tf.tidy(() => {
        const o = this.model.forward(batch, { isTrain: false, rng });
        if (o.tagScores) scores = decodableScores(this.model.tagger, o.tagScores).dataSync() as Float32Array;
        if (o.catLogits && nCats > 0) probs = catProbabilities(o.catLogits, this.labelSet.exclusive).dataSync() as Float32Array;
      });
      let offset = 0;
      batchDocs.forEach((d, b) => {
        if (penalties && scores && probs) {
          const joint = decodeConsistent(scores, offset, d.tokens, d.text, this.model.tagLabels, decoder, probs.subarray(b * nCats, (b + 1) * nCats), penalties);
          out[idx[b]] = { cats: catRecord(joint.probs, 0, this.labelSet.cats), ents: joint.ents };
        } else {
          out[idx[b]] = {
            cats: probs ? catRecord(probs, b, this.labelSet.cats) : {},
            ents: scores ? decodeEntities(scores, offset, d.tokens, d.text, this.model.tagLabels, decoder) : [],
          };
        }
        offset += d.tokens.length;
      });
    }
    return this.model.postprocess ? this.model.postprocess(docs, out) : out;
  }

  /**
   * Per-category tag penalties for category-consistent decoding, or undefined when it is off or
   * does not apply (multilabel categories, no table, λ = 0, or a scheme that tags its own label set).
   */
  private catPenalties(): (Float32Array | undefined)[] | undefined {
    const labels = this.labelSet;
    const mode = this.config.heads.tagger.catConsistent;
    const penalty = mode === 'on' ? HARD_PENALTY : mode === 'auto' ? (labels.catPenalty ?? 0) : 0;
    if (penalty <= 0 || !this.catConsistentApplies()) return undefined;
    return catTagPenalties(labels, this.model.tagLabels, penalty);
  }

  /**
   * Whether category-consistent decoding can change this pipeline's predictions: exclusive
   * categories, a category → entity-label table, and a tagger over the labels themselves (not a
   * scheme's own tag set, like conditioned's CAT_ENT tags).
   */
  catConsistentApplies(): boolean {
    const labels = this.labelSet;
    return labels.exclusive && !!labels.catEnts && this.model.tagLabels.tags.join('\n') === labels.tags.join('\n');
  }

  /** Writes config.json, labels.json, features.json, weights and manifest.json to `dir` (temp dir + rename). */
  async save(dir: string): Promise<void> {
    this.checkAlive();
    await savePipeline({ parts: this.parts, params: this.params() }, dir);
  }

  dispose(): void {
    if (this.disposed) return;
    disposeLayer(this.model.root);
    this.disposed = true;
  }

  private checkAlive(): void {
    if (this.disposed) throw new WorkbenchError('E406', 'this pipeline was disposed; load or train it again');
  }
}
