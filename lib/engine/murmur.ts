/** MurmurHash3 (x86, 32-bit) of one 32-bit key: the hash functions behind the hashed embeddings. */

/** MurmurHash3_x86_32 of the 4 little-endian bytes of `key` with `seed`; returns an unsigned 32-bit integer. */
export function murmurhashInt32(key: number, seed: number): number {
  let k = Math.imul(key | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = (seed | 0) ^ k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4; // length in bytes
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
