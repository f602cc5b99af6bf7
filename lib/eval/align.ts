import type { Example } from '../data/types';
import { check } from '../errors';

/** Checks that predictions align with gold: same length, and the same text at every index. */
export function checkAligned(gold: readonly Example[], pred: readonly Example[], caller: string): void {
  check(gold.length === pred.length, 'E501', () => `${caller}: ${gold.length} gold examples but ${pred.length} predictions`);
  for (let i = 0; i < gold.length; i++) {
    check(
      gold[i].text === pred[i].text,
      'E501',
      () => `${caller}: prediction text differs from gold text: ${JSON.stringify(pred[i].text.slice(0, 60))} vs ${JSON.stringify(gold[i].text.slice(0, 60))}`,
      { index: i, field: 'text' },
    );
  }
}
