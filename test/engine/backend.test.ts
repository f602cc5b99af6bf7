import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, backend, tf } from '../../lib/engine';

// One process per test file: these run before anything else here called init().
test('backend() before init() asks for engine.init()', () => {
  assert.throws(() => backend(), /\[E301\].*call engine\.init\(\) first/);
});

test('init() picks the first available of tensorflow → wasm → cpu and is idempotent', async () => {
  const saved = process.env.WORKBENCH_BACKEND;
  delete process.env.WORKBENCH_BACKEND;
  try {
    const first = await init();
    // tfjs-node is not installable here, so wasm is the first available backend.
    assert.equal(first, tf.findBackendFactory('tensorflow') ? 'tensorflow' : 'wasm');
    assert.equal(await init(), first);
    assert.equal(backend(), first);
    assert.equal(tf.getBackend(), first);
  } finally {
    if (saved !== undefined) process.env.WORKBENCH_BACKEND = saved;
  }
});

test('init(name) and WORKBENCH_BACKEND force a backend', async () => {
  const saved = process.env.WORKBENCH_BACKEND;
  try {
    assert.equal(await init('cpu'), 'cpu');
    assert.equal(tf.getBackend(), 'cpu');
    process.env.WORKBENCH_BACKEND = 'wasm';
    assert.equal(await init(), 'wasm');
    assert.equal(backend(), 'wasm');
    process.env.WORKBENCH_BACKEND = 'gpu';
    await assert.rejects(init(), /\[E302\].*field "WORKBENCH_BACKEND".*unknown backend 'gpu'/);
  } finally {
    if (saved === undefined) delete process.env.WORKBENCH_BACKEND;
    else process.env.WORKBENCH_BACKEND = saved;
  }
});

test('forcing an unavailable backend is an error naming it', async (t) => {
  if (tf.findBackendFactory('tensorflow')) return t.skip('tfjs-node is installed here');
  await assert.rejects(init('tensorflow'), /\[E302\].*backend 'tensorflow' is not available on this machine/);
});

test('tensors made before a backend switch stay usable', async () => {
  await init('wasm');
  const x = tf.tensor1d([1, 2, 3]);
  await init('cpu');
  assert.deepEqual(Array.from(tf.mul(x, 2).dataSync()), [2, 4, 6]);
  tf.dispose(x);
});
