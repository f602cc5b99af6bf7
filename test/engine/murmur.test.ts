import { test } from 'node:test';
import assert from 'node:assert/strict';
import { murmurhash3_32 } from '../../lib/engine';

test('murmurhash3_32 matches the reference MurmurHash3_x86_32 vectors for 4-byte keys', () => {
  assert.equal(murmurhash3_32(0, 0), 0x2362f9de);
  assert.equal(murmurhash3_32(0x87654321 | 0, 0), 0xf55b516b);
  assert.equal(murmurhash3_32(0x87654321 | 0, 0x5082edee), 0x2362f9de);
  assert.equal(murmurhash3_32(-1, 0), 0x76293b50);
});
