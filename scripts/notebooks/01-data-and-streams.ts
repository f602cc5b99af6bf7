// title: Data and streams
// description: Prodigy NER and textcat exports: the mixed-set error and its repair, joint examples, label counts, entity × intent co-occurrence, and a phrase-first document stream that loses nothing.

// %% [markdown]
// # 01 · Data and streams
//
// The workbench trains an entity recognizer (NER) and a text classifier (textcat) on the same texts
// and asks whether they should share an encoder. Before any training, this notebook checks the
// material such a comparison rests on:
//
// 1. two Prodigy exports of the same texts, one per task, load with every task counted;
// 2. an export that mixes both tasks fails with an error that says what to do, and `splitByTask` repairs it;
// 3. the two exports merge into **joint examples** (spans and categories on one text), whose label
//    counts and entity × category co-occurrence show how much the tasks could share;
// 4. on long documents, a stream that puts phrase-matched paragraphs first (`tee`, `findWithPhrases`,
//    `dedup`) neither loses nor repeats a paragraph.
//
// Everything comes from the compiled workbench (`../dist`, built by `npm run build`) and the sample
// shipped in `data/` (see `data/README.md`). The notebook has no fast/full difference: the data is small.

// %%
import * as wb from '../dist';
import * as path from 'path';

const files = wb.sampleFiles();
const rel = (p: string) => path.relative(wb.packageRoot(), p);
console.log(`run mode: ${wb.runMode()}`);
for (const [name, p] of Object.entries(files)) console.log(`${name.padEnd(10)} ${rel(p)}`);

// %% [markdown]
// ## 1 · Material: two Prodigy exports of one chatbot corpus
//
// The sample holds short chatbot requests (travel, food, music). Annotators worked in two Prodigy
// sessions: `ner.jsonl` has manual entity annotation plus a few binary suggestions they rejected;
// `textcat.jsonl` has the intent, as a choice among five options or as binary yes/no questions.
// `readProdigy` reads each export with the task it holds and counts what it did with every task:
// ignored tasks are skipped but counted, rejected ones are kept as negative evidence
// (`negSpans` for NER, category 0 for textcat). Tasks on the same text share one example.

// %%
const nerRead = await wb.readProdigy(files.ner, { task: 'ner' });
const catRead = await wb.readProdigy(files.textcat, { task: 'textcat' });
// The counts only (the stats also describe the first few conflicts and where they were read).
const counts = ({ tasks, ignored, accepted, rejected, ner, textcat, examples, conflicts, spansDropped, sameTextHashes }: typeof nerRead.stats) =>
  ({ tasks, ignored, accepted, rejected, ner, textcat, examples, conflicts, spansDropped, sameTextHashes });
wb.show(
  wb.tableHtml(
    [
      { export: rel(files.ner), ...counts(nerRead.stats) },
      { export: rel(files.textcat), ...counts(catRead.stats) },
    ],
    { caption: 'Table 1. Tasks read from each export, and the examples they became' },
  ),
);

// %% [markdown]
// ## 2 · A mixed export fails loudly, and how to repair it
//
// `prodigy db-out` of a dataset that received both kinds of tasks gives one file with NER and textcat
// tasks interleaved. Read as textcat, the first NER task has no `label`; a loader that guessed would
// silently turn entity tasks into empty category annotations. The workbench stops at the first such
// task instead, and the message names the file, the line, the field and the fix:

// %%
try {
  await wb.loadProdigy(files.mixed, { task: 'textcat' });
  console.log('loaded without error (unexpected)');
} catch (e) {
  console.log((e as Error).message);
}

// %% [markdown]
// The fix the message proposes: split the tasks by kind, then merge the two parts on their input hash.
// Loading with `{ task: 'auto' }` does the same in one call; both routes must give identical examples.

// %%
const mixedTasks = await wb.collect(wb.getStream(files.mixed));
const parts = wb.splitByTask(mixedTasks);
console.log(`${mixedTasks.length} tasks → ${parts.ner.length} NER, ${parts.textcat.length} textcat, ${parts.other.length} other`);
const repaired = wb.mergeDatasets(parts.ner, parts.textcat);
const auto = await wb.loadProdigy(files.mixed, { task: 'auto' });
const exampleKey = (e: wb.Example) => JSON.stringify([e.text, e.spans, e.cats, e.negSpans ?? []]);
const routes = wb.multisetDiff(repaired, auto, exampleKey);
console.log(`splitByTask + mergeDatasets: ${repaired.length} examples; loadProdigy auto: ${auto.length} examples; identical: ${routes.equal}`);

// %% [markdown]
// ## 3 · Joint examples
//
// `mergeDatasets` joins the full NER and textcat exports by input hash. A text annotated in only one
// session keeps the other annotation *unknown* (`meta.hasNer` / `meta.hasCats` say which is known),
// which the joint models must treat as missing, not as "no entities" or "no category".

// %%
const sample = await wb.loadSample();
const joint = wb.mergeDatasets(sample.ner, sample.textcat);
const both = joint.filter((e) => e.meta?.hasNer && e.meta?.hasCats);
wb.show(
  wb.tableHtml(
    [
      { annotation: 'entities and intent', texts: both.length },
      { annotation: 'entities only', texts: joint.filter((e) => e.meta?.hasNer && !e.meta?.hasCats).length },
      { annotation: 'intent only', texts: joint.filter((e) => !e.meta?.hasNer && e.meta?.hasCats).length },
      { annotation: 'all joint examples', texts: joint.length },
    ],
    { caption: 'Table 2. Which annotations each merged text carries' },
  ),
);
wb.show(both.slice(0, 3).map((e) => ({ html: wb.renderEntities(e.text, e.spans, e.cats) })));

// %% [markdown]
// ### Label counts
//
// Entity labels count spans, texts containing the label and spans annotators rejected. Categories
// count texts where the intent is known to be positive (1), known to be negative (0: a rejected binary
// question, or an option not chosen), or unknown. A choice task settles all five intents at once; a
// binary task settles only the one it asks about, which is why every intent is unknown for many texts.
// The tables are danfojs DataFrames.

// %%
const counts = wb.labelCounts(joint);
const entityTable = wb.dataFrame(counts.entities);
const catTable = wb.dataFrame(counts.cats);
wb.show(wb.tableHtml(entityTable, { caption: `Table 3. Entity labels (${joint.length} texts)` }));
wb.show(wb.tableHtml(catTable, { caption: `Table 4. Intent categories (${joint.length} texts)` }));

// %% [markdown]
// ### Do the tasks share signal? Entity type × intent
//
// Each cell counts the texts (with both annotations) of one intent that contain at least one entity
// of one type, coloured by the share of the intent's texts. A type concentrated in one column is a cue
// the classifier could take from a shared encoder; a type spread over every column carries no intent
// information. This is the first, model-free look at the question the later notebooks answer with
// trained models.

// %%
wb.show(wb.cooccurrenceHeatmap(both, { normalize: 'category', title: 'Figure 1. Entity types × intents (texts with both annotations)' }));

// %% [markdown]
// ## 4 · Long documents: phrase-matched paragraphs first, nothing lost
//
// The documents are company reports split into paragraphs; a few paragraphs describe an acquisition
// or an incident (category `INTEREST`). To annotate those first, the stream is reordered with
// `findWithPhrases`: paragraphs matching a phrase come first, the held-back rest follows in source
// order, and `dedup` drops paragraphs whose text already appeared. `tee` splits the source stream in
// two so that one branch records every paragraph read while the other is reordered; the file is read
// once. The check at the end compares, as multisets, the distinct paragraphs read with the
// paragraphs that came out.

// %%
type Paragraph = { text: string; spans: wb.Span[]; cats: Record<string, number>; meta: wb.ExampleMeta & Partial<wb.MatchMeta> };
const phrases = ['takeover', 'agreed to buy', 'in talks to acquire', 'fire broke out', 'hackers', 'chemical leak', 'power cut', 'cracks'];
const branches = wb.tee(wb.getStream(files.documents) as AsyncIterableIterator<Paragraph>, 2);
const [recordBranch, reorderBranch] = branches;
const [readParagraphs, reordered] = await Promise.all([
  wb.collect(recordBranch),
  wb.collect(wb.dedup(wb.findWithPhrases(reorderBranch, phrases, { atLeast: 1 }), { by: 'input' })),
]);
const distinctRead = [...new Set(readParagraphs.map((p) => p.text))];
const accounting = wb.multisetDiff(distinctRead, reordered.map((p) => p.text));
const matched = reordered.filter((p) => p.meta.matched === true).length;
console.log(`source lines read: ${branches.readCount} (once, shared by both branches)`);
console.log(`paragraphs read: ${readParagraphs.length}, distinct texts: ${distinctRead.length}, repeats dropped by dedup: ${readParagraphs.length - reordered.length}`);
console.log(`paragraphs out: ${reordered.length}, phrase-matched and moved to the front: ${matched}`);
console.log(`every distinct paragraph exactly once (multiset equality): ${accounting.equal}`);
if (!accounting.equal) console.log({ missing: accounting.missing, extra: accounting.extra });

// %% [markdown]
// How good is the phrase-first order as a prior for `INTEREST`? The matched block at the front of the
// stream against the rest:

// %%
const interest = (ps: Paragraph[]) => wb.labelCounts(ps).cats.find((c) => c.label === 'INTEREST')?.positive ?? 0;
const blocks = { 'phrase-matched (front)': reordered.slice(0, matched), 'rest (source order)': reordered.slice(matched), all: reordered };
wb.show(
  wb.tableHtml(
    Object.entries(blocks).map(([block, ps]) => ({ block, paragraphs: ps.length, INTEREST: interest(ps), share: interest(ps) / ps.length })),
    { caption: 'Table 5. INTEREST paragraphs in the phrase-matched block and in the rest', digits: 2 },
  ),
);

// %% [markdown]
// ## Summary
//
// - Each export loads with every task accounted for (Table 1); a mixed export fails at its first
//   foreign task with a coded error naming file, line and field, and `splitByTask` + `mergeDatasets`
//   repairs it, agreeing with `loadProdigy(…, { task: 'auto' })`.
// - The merged set has texts with both annotations and texts where one task is unknown (Table 2);
//   later notebooks train on both kinds and treat the unknown task as missing.
// - Figure 1 is the model-free evidence of shared signal between entity types and intents.
// - Reordering a document stream phrase-first keeps every distinct paragraph exactly once, and the
//   front block concentrates the `INTEREST` paragraphs (Table 5).
