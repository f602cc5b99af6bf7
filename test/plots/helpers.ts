// Shared checks for figure tests (not a test file itself).
import assert from 'node:assert/strict';
import { figureProblems, type Figure } from '../../lib/plots/figure';

/** Asserts a figure is a structurally valid plotly spec and survives JSON unchanged. */
export function assertValidFigure(fig: Figure): void {
  assert.deepEqual(figureProblems(fig), []);
  assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig);
}

/** The layout annotations of a figure. */
export const annotationsOf = (fig: Figure): Record<string, unknown>[] => (fig.layout.annotations ?? []) as Record<string, unknown>[];
