import { WorkbenchError, type ErrorLocation } from '../errors';
import { fewExamples, warn, WorkbenchWarning, type WarningHandler } from '../warnings';
import { parseTask, type ProdigyTaskKind } from './prodigyTask';
import { formatWhere, Group, type ConflictKind, type MergeTally } from './taskGroup';
import type { Example } from './types';

/** What loading did with the tasks: nothing is dropped or changed without being counted here. */
export interface ProdigyLoadStats {
  /** Tasks read, ignored ones included. */
  tasks: number;
  /** Tasks with answer "ignore", skipped. */
  ignored: number;
  accepted: number;
  rejected: number;
  /** Accepted or rejected tasks read as NER / as textcat. */
  ner: number;
  textcat: number;
  /** Examples built (tasks with the same input hash and text share one). */
  examples: number;
  /**
   * Answers that contradicted an earlier answer about the same text (a category's value changed, a
   * span accepted then rejected or the reverse, a span replaced by an overlapping one, entities
   * after "no entities" or the reverse). The later answer is kept; one count per task.
   */
  conflicts: number;
  /** Up to five conflicts described, with where both answers were read. */
  conflictExamples: string[];
  /** `conflicts` by what the later answer changed (see ConflictKind): cats + spans = conflicts. */
  conflictKinds: Record<ConflictKind, number>;
  /** Earlier accepted spans removed by a later accepted span overlapping them or by a later accept with no spans (also in `conflicts`). */
  spansDropped: number;
  /** Up to five dropped spans described: the span, where it was read, and what removed it where. */
  spansDroppedExamples: string[];
  /** Examples whose text already appeared under a different `_input_hash` given in the tasks (kept as separate examples). */
  sameTextHashes: number;
  /** Up to five such texts described, with both hashes and where each was read. */
  sameTextHashExamples: string[];
  /**
   * Where the first case of each count was read: the later task of a conflict (of any kind, of each
   * kind) or of a dropped span, the first task of a text's second hash. A key is absent while its
   * count is 0.
   */
  firstAt: FirstLocations;
}

/** The location of the first case of each ProdigyLoadStats count (see ProdigyLoadStats.firstAt). */
export interface FirstLocations {
  /** The first conflict of either kind. */
  conflict?: ErrorLocation;
  catConflict?: ErrorLocation;
  spanConflict?: ErrorLocation;
  spanDropped?: ErrorLocation;
  sameTextHash?: ErrorLocation;
}

/** ProdigyLoadStats before anything is read: every count 0, no examples, no locations. */
export function emptyLoadStats(): ProdigyLoadStats {
  return {
    tasks: 0, ignored: 0, accepted: 0, rejected: 0, ner: 0, textcat: 0, examples: 0,
    conflicts: 0, conflictExamples: [], conflictKinds: { cats: 0, spans: 0 },
    spansDropped: 0, spansDroppedExamples: [], sameTextHashes: 0, sameTextHashExamples: [], firstAt: {},
  };
}

/** Options of TaskMerger. */
export interface TaskMergerOptions {
  /** Receives the warnings of examples() (default: process.emitWarning). */
  onWarning?: WarningHandler;
}

const KEEP = 5;

/**
 * Merges Prodigy tasks into Examples, one per input (`_input_hash`, computed when missing, AND the
 * text: two different texts are never merged, even when their 32-bit hashes collide), in
 * first-seen order. Rules (see Group: every answer applies to what it shows, the later answer
 * wins, and each change is counted in stats().conflicts):
 * - answer "ignore": skipped (counted); a missing answer counts as "accept".
 * - NER accept: its spans join `spans`, replacing earlier spans they overlap (counted in
 *   spansDropped) and leaving `negSpans`; an accept with no spans means "no entities" and clears
 *   `spans`. NER reject: its spans go to `negSpans` (binary ner.teach tasks have one) and leave `spans`.
 * - textcat binary (`label`): accept → cats[label] = 1, reject → 0.
 * - textcat choice (`options` + `accept`): accept → chosen ids 1, every other option 0 (the
 *   annotator saw them and did not choose them); reject → chosen ids 0, other options unknown.
 * - meta: the first task's meta, plus `_input_hash`, `hasNer` (an accepted NER task was seen, so
 *   `spans` is annotation rather than unknown) and `hasCats` (some category is known).
 * - tokens: the first task's own tokens, else `tokenize(text)`.
 * Errors: E002 when the tasks themselves give one `_input_hash` to two different texts.
 * examples() raises warnings W015 (spans dropped), W016 (conflicts) and W017 (one text under
 * several given `_input_hash` values), each once, with the count and a few examples.
 */
export class TaskMerger {
  private readonly buckets = new Map<number, Group[]>();
  private readonly order: Group[] = [];
  /** First group per text among tasks with a given `_input_hash` (for W017). */
  private readonly givenHashByText = new Map<string, Group>();
  private readonly counts: ProdigyLoadStats = emptyLoadStats();
  private readonly tally: MergeTally = {
    conflict: (d, kind, where) => {
      const c = this.counts;
      c.conflicts++;
      c.conflictKinds[kind]++;
      if (c.conflictExamples.length < KEEP) c.conflictExamples.push(d);
      c.firstAt.conflict ??= where;
      c.firstAt[kind === 'cats' ? 'catConflict' : 'spanConflict'] ??= where;
    },
    spanDropped: (d, where) => {
      const c = this.counts;
      c.spansDropped++;
      if (c.spansDroppedExamples.length < KEEP) c.spansDroppedExamples.push(d);
      c.firstAt.spanDropped ??= where;
    },
  };

  constructor(private readonly opts: TaskMergerOptions = {}) {}

  /** Adds one task read as `kind` ('auto': decided by prodigyTaskKind); `where` locates errors. */
  add(task: object, kind: ProdigyTaskKind | 'auto', where: ErrorLocation): void {
    this.counts.tasks++;
    const parsed = parseTask(task, kind, where);
    if (!parsed) {
      this.counts.ignored++;
      return;
    }
    this.counts[parsed.answer === 'accept' ? 'accepted' : 'rejected']++;
    this.counts[parsed.kind]++;
    let bucket = this.buckets.get(parsed.hash);
    if (!bucket) this.buckets.set(parsed.hash, (bucket = []));
    let group = bucket.find((g) => g.text === parsed.text);
    if (!group) {
      // The user's own hashes say these are one input, but the texts differ: their file is inconsistent.
      const clash = parsed.hashGiven ? bucket.find((g) => g.hashGiven) : undefined;
      if (clash) {
        throw new WorkbenchError('E002', `same input hash ${parsed.hash} as an earlier task (${formatWhere(clash.where)}) but a different text`, {
          ...where,
          field: '_input_hash',
        });
      }
      group = new Group(parsed);
      bucket.push(group);
      this.order.push(group);
      if (parsed.hashGiven) this.noteGivenHash(group);
    }
    group.add(parsed, this.tally);
  }

  /** The merged Examples, in first-seen order; raises the warnings described above. */
  examples(): Example[] {
    const out = this.order.map((g) => g.toExample());
    this.counts.examples = out.length;
    const c = this.counts;
    const onWarning = this.opts.onWarning;
    const at = c.firstAt;
    if (c.spansDropped) warn(new WorkbenchWarning('W015', c.spansDropped, fewExamples(c.spansDroppedExamples, c.spansDropped), at.spanDropped), onWarning);
    if (c.conflicts) warn(new WorkbenchWarning('W016', c.conflicts, fewExamples(c.conflictExamples, c.conflicts), at.conflict), onWarning);
    if (c.sameTextHashes) {
      warn(new WorkbenchWarning('W017', c.sameTextHashes, `${fewExamples(c.sameTextHashExamples, c.sameTextHashes)}; they stay separate examples`, at.sameTextHash), onWarning);
    }
    return out;
  }

  /** Counts so far (examples is set by examples()). */
  stats(): ProdigyLoadStats {
    const c = this.counts;
    return {
      ...c,
      conflictExamples: [...c.conflictExamples],
      conflictKinds: { ...c.conflictKinds },
      spansDroppedExamples: [...c.spansDroppedExamples],
      sameTextHashExamples: [...c.sameTextHashExamples],
      firstAt: { ...c.firstAt },
    };
  }

  private noteGivenHash(group: Group): void {
    const first = this.givenHashByText.get(group.text);
    if (!first) {
      this.givenHashByText.set(group.text, group);
      return;
    }
    const c = this.counts;
    c.sameTextHashes++;
    c.firstAt.sameTextHash ??= group.where;
    if (c.sameTextHashExamples.length < KEEP) {
      c.sameTextHashExamples.push(`${group.quote()} has _input_hash ${first.hash} (${formatWhere(first.where)}) and ${group.hash} (${formatWhere(group.where)})`);
    }
  }
}

