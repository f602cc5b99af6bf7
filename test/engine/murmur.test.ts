import { test } from 'node:test';
import assert from 'node:assert/strict';
import { murmurhashInt32 } from '../../lib/engine';

test('murmurhashInt32 matches the reference MurmurHash3_x86_32 vectors for 4-byte keys', () => {
  assert.equal(murmurhashInt32(0, 0), 0x2362f9de);
  assert.equal(murmurhashInt32(0x87654321 | 0, 0), 0xf55b516b);
  assert.equal(murmurhashInt32(0x87654321 | 0, 0x5082edee), 0x2362f9de);
  assert.equal(murmurhashInt32(-1, 0), 0x76293b50);
});
