import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProdigy } from '../../lib/data/prodigy';
import { setHashes } from '../../lib/data/hashes';
import { tokenize } from '../../lib/data/tokenize';
import { predictTasks, toProdigyTask } from '../../lib/experiments/predictTasks';
import { trainPipeline, type JointPipeline } from '../../lib/models';
import { collect } from '../../lib/streams/iter';
import { sampleData, TINY } from './helpers';

let pipeline: JointPipeline;
before(async () => {
  const d = await sampleData();
  pipeline = await trainPipeline(TINY, d.train, d.dev);
});

test('toProdigyTask: code-point offsets, inclusive token indices, choice options/accept, kept fields, a fresh task hash', () => {
  const text = '🏨 hotel in Lima';
  const tokens = tokenize(text);
  const predicted = { text, tokens, spans: [{ start: 12, end: 16, label: 'CITY' }], cats: { HOTEL: 0.8, FLIGHT: 0.3 } };
  const input = { text, meta: { id: 7 }, _input_hash: 42, _task_hash: 1, answer: 'accept', spans: [{ start: 0, end: 1, label: 'OLD' }] };
  const task = toProdigyTask(input, predicted, { cats: ['FLIGHT', 'HOTEL'], exclusive: true });
  assert.deepEqual(task.spans, [{ start: 11, end: 15, text: 'Lima', label: 'CITY', token_start: 3, token_end: 3 }]);
  assert.deepEqual((task.tokens as { start: number }[]).map((t) => t.start), [0, 2, 8, 11]);
  assert.deepEqual(task.accept, ['HOTEL']);
  assert.deepEqual(task.options, [{ id: 'FLIGHT', text: 'FLIGHT' }, { id: 'HOTEL', text: 'HOTEL' }]);
  assert.deepEqual(task.meta, { id: 7 });
  assert.equal(task._input_hash, 42);
  assert.equal(task.answer, undefined);
  assert.equal(task._task_hash, setHashes({ ...task, _task_hash: undefined } as object, {})._task_hash);
  assert.notEqual(task._task_hash, 1);
  // Multilabel: every category at or above 0.5 is accepted.
  assert.deepEqual(toProdigyTask({ text }, { ...predicted, cats: { HOTEL: 0.8, FLIGHT: 0.6 } }, { cats: ['FLIGHT', 'HOTEL'], exclusive: false }).accept, ['FLIGHT', 'HOTEL']);
});

test('predictTasks predicts in batches; its tasks load back as Prodigy NER tasks with the same spans', async () => {
  const texts = ['book a flight to Lima', 'play jazz by Nina Simone', 'weather in Oslo tomorrow'];
  const tasks = await collect(predictTasks(pipeline, texts.map((text) => ({ text })), { batchSize: 2 }));
  assert.equal(tasks.length, 3);
  const direct = pipeline.predict(texts);
  tasks.forEach((t, i) => assert.deepEqual((t.spans as { label: string }[]).map((s) => s.label), direct[i].ents.map((e) => e.label)));
  const back = await loadProdigy(tasks.map(({ options: _o, accept: _a, ...t }) => t), { task: 'ner' });
  assert.deepEqual(back.map((e) => e.spans.length), tasks.map((t) => (t.spans as unknown[]).length));
});

test('predictTasks is lazy: it reads one batch before yielding the first task', async () => {
  let read = 0;
  async function* source() {
    for (let i = 0; i < 1000; i++) {
      read++;
      yield { text: `fly to Lima on day ${i}` };
    }
  }
  const it = predictTasks(pipeline, source(), { batchSize: 8 });
  await it.next();
  assert.equal(read, 8);
  await it.return(undefined);
});

test('predictTasks: a task without a string text is E002 with its index', async () => {
  await assert.rejects(collect(predictTasks(pipeline, [{ text: 'ok' }, { txt: 'no' }])), /\[E002\].*example 1, field "text"/);
});
