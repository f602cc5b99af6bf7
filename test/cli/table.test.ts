import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell, formatTable } from '../../lib/cli/table';

test('formatTable aligns columns: text left, numbers right, nulls as -', () => {
  const out = formatTable([
    { label: 'CITY', f: 0.8123, n: 12 },
    { label: 'PERSON', f: null, n: 3 },
  ]);
  assert.equal(out, ['label       f   n', '------  -----  --', 'CITY    0.812  12', 'PERSON      -   3', ''].join('\n'));
  assert.equal(formatTable([]), '(none)\n');
  assert.equal(cell(0.5, 1), '0.5');
  assert.equal(cell(undefined), '-');
});
