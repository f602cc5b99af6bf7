import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemParts, itemsHtml, plotlyScriptTag, toHtml, type HtmlItem } from './html';
import { tslabModule } from '../util/tslab';

/** Something that shows HTML: tslab's `display`, or a test double. */
export interface HtmlDisplay {
  html(s: string): void;
}

/** What `show` accepts: a figure, a titled figure, trusted HTML (a string or {html}), or a list of these. */
export type ShowItem = HtmlItem | string;

/** Options of `show`. */
export interface ShowOptions {
  /** Page title outside a notebook (default 'workbench plot'). */
  title?: string;
  /** Where to display (default: tslab's display when running in a tslab kernel). */
  display?: HtmlDisplay;
  /** Directory of the HTML file outside a notebook (default: <tmpdir>/workbench-plots). */
  dir?: string;
}

// Displays that already received the plotly.js bundle: the bundle is sent with the first figure of a
// notebook session only; later outputs find `window.Plotly` (also in nbconvert HTML, which keeps order).
const displaysWithPlotly = new WeakSet<object>();

/** tslab's own `display` when this process is a tslab kernel (it sets globalThis.__tslab__). */
function tslabDisplay(): HtmlDisplay | undefined {
  return tslabModule<{ display: HtmlDisplay }>()?.display;
}

/**
 * Shows figures / HTML. In a tslab notebook: one HTML output (plotly.js inlined in the session's first
 * figure output, so saved notebooks render offline). Elsewhere: writes a standalone page to a temp
 * file, prints and returns its path.
 */
export function show(what: ShowItem | readonly ShowItem[], opts: ShowOptions = {}): string | undefined {
  const items: HtmlItem[] = (Array.isArray(what) ? what : [what]).map((it: ShowItem) => (typeof it === 'string' ? { html: it } : it));
  const display = opts.display ?? tslabDisplay();
  if (display) {
    const hasFigure = items.some((it) => itemParts(it).figure);
    const bundle = hasFigure && !displaysWithPlotly.has(display) ? plotlyScriptTag() + '\n' : '';
    if (bundle) displaysWithPlotly.add(display);
    display.html(bundle + itemsHtml(items, `wb-${randomBytes(6).toString('hex')}`));
    return undefined;
  }
  const dir = opts.dir ?? join(tmpdir(), 'workbench-plots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `plot-${Date.now()}-${randomBytes(3).toString('hex')}.html`);
  writeFileSync(path, toHtml(items, opts.title ?? 'workbench plot'));
  console.log(`plot written to ${path}`);
  return path;
}

