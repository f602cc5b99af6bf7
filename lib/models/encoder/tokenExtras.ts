import type { Bags } from '../../engine';
import { bagsOf } from './charNgrams';
import type { EncoderInput } from './registry';

/**
 * The static-vector rows and character n-gram bags of a re-arranged token list (a scheme that drops
 * texts or prepends reserved tokens): output token t is input token `source[t]`, or when
 * `source[t] < 0` a reserved token without a vector (OOV row) whose bag is `reserved[-source[t] - 1]`.
 * Returns only the extras the input has.
 */
export function remapTokenExtras(input: EncoderInput, source: Int32Array, reserved: readonly Int32Array[] = []): Pick<EncoderInput, 'vectorRows' | 'chars'> {
  const out: Pick<EncoderInput, 'vectorRows' | 'chars'> = {};
  if (input.vectorRows) {
    const rows = input.vectorRows;
    out.vectorRows = Int32Array.from(source, (s) => (s >= 0 ? rows[s] : -1));
  }
  if (input.chars) out.chars = remapBags(input.chars, source, reserved);
  return out;
}

function remapBags(bags: Bags, source: Int32Array, reserved: readonly Int32Array[]): Bags {
  const starts = new Int32Array(bags.nItems + 1);
  for (let j = 0; j < bags.ids.length; j++) starts[bags.segments[j] + 1]++;
  for (let i = 0; i < bags.nItems; i++) starts[i + 1] += starts[i];
  return bagsOf(Array.from(source, (s) => (s >= 0 ? bags.ids.subarray(starts[s], starts[s + 1]) : reserved[-s - 1])));
}
