import type { Example } from '../data/types';
import { resolveCatTask, type CatOptions } from '../eval/catTask';
import { exactMatchFlags } from '../eval/exactMatch';
import { escapeHtml } from './html';
import { renderEntities } from './renderEntities';

/** Options of `errorViewer`. */
export interface ErrorViewerOptions extends CatOptions {
  /** Show at most this many wrong texts, in data order (default 50). */
  max?: number;
}

/**
 * The texts a pipeline got wrong (an entity or the category differs: sentence_acc's test), each as
 * gold and predicted entities side by side, with the category scores. Returns trusted HTML and how
 * many texts were wrong.
 */
export function errorViewer(gold: readonly Example[], pred: readonly Example[], opts: ErrorViewerOptions = {}): { html: string; wrong: number } {
  const flags = exactMatchFlags(gold, pred, resolveCatTask(gold, pred, opts));
  const wrong = [...flags.keys()].filter((i) => flags[i] === 0);
  const max = opts.max ?? 50;
  const rows = wrong.slice(0, max).map((i) => {
    const goldCats = Object.fromEntries(Object.entries(gold[i].cats).filter(([, v]) => v === 1));
    return `<tr><td style="vertical-align:top;color:#777">${i}</td><td>${renderEntities(gold[i].text, gold[i].spans, goldCats)}</td><td>${renderEntities(pred[i].text, pred[i].spans, pred[i].cats, { maxCats: 3 })}</td></tr>`;
  });
  const note = wrong.length > max ? `<p>The first ${max} of ${wrong.length} wrong texts.</p>` : `<p>${wrong.length} of ${gold.length} texts have an entity or category wrong.</p>`;
  const table = rows.length
    ? `<table class="wb-errors" style="border-collapse:collapse"><thead><tr><th>#</th><th>${escapeHtml('gold')}</th><th>${escapeHtml('predicted')}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  return { html: note + table, wrong: wrong.length };
}
