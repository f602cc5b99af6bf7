// Standalone HTML for figures: plotly.js inlined once (offline), each figure in its own div.
import { readFileSync } from 'node:fs';
import type { Figure } from './figure';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** What a page or a notebook output shows: a figure (optionally titled) or trusted HTML (e.g. `renderEntities`). */
export type HtmlItem = Figure | { title?: string; figure: Figure } | { title?: string; html: string };

/** JSON that is safe inside a <script> element (no `</script>`, no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A <script> element with plotly.js inlined. The bundle is UMD: `define`, `module` and `exports` are
 * shadowed so it always sets `window.Plotly` (classic Jupyter has require.js' AMD `define`).
 */
export function plotlyScriptTag(): string {
  const src = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  return `<script type="text/javascript">(function (define, module, exports) {\n${src}\n}).call(window, undefined, undefined, undefined);</script>`;
}

/** A figure's div and the script that draws it once `window.Plotly` exists (waits up to 10 s). */
export function figureHtml(id: string, fig: Figure): string {
  const height = typeof fig.layout.height === 'number' ? fig.layout.height : 450;
  const script = `(function () {
  var fig = ${scriptJson(fig)};
  var id = ${scriptJson(id)};
  var tries = 0;
  function draw() {
    var el = document.getElementById(id);
    if (window.Plotly && el) { window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false }); return; }
    if (++tries > 200) { if (el) el.textContent = 'plotly.js is not loaded: re-run the first cell that calls show().'; return; }
    setTimeout(draw, 50);
  }
  draw();
})();`;
  return `<div id="${escapeHtml(id)}" class="wb-figure" style="width: 100%; height: ${height}px;"></div>\n<script type="text/javascript">${script}</script>`;
}

/** Normalises an item into {title, figure} or {title, html}. */
export function itemParts(item: HtmlItem): { title?: string; figure?: Figure; html?: string } {
  if ('figure' in item) return { title: item.title, figure: item.figure };
  if ('html' in item) return { title: item.title, html: item.html };
  return { figure: item };
}

/** The HTML of several items: titled sections, figures drawn into divs with ids `${idPrefix}-<i>`. */
export function itemsHtml(items: readonly HtmlItem[], idPrefix: string): string {
  return items
    .map((item, i) => {
      const { title, figure, html } = itemParts(item);
      const heading = title ? `<h2 class="wb-title">${escapeHtml(title)}</h2>\n` : '';
      return `<section class="wb-item">\n${heading}${figure ? figureHtml(`${idPrefix}-${i}`, figure) : html}\n</section>`;
    })
    .join('\n');
}

const PAGE_STYLE = `body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 1.5em 2em; color: #222; }
h1 { font-size: 1.5em; } h2.wb-title { font-size: 1.15em; margin: 1.2em 0 0.3em; }
section.wb-item { margin-bottom: 1.5em; }`;

/**
 * A standalone HTML page (opens offline) with plotly.js included once inline and each figure in its
 * own div (`wb-fig-<i>`); titles are HTML-escaped, `html` items are inserted as given.
 */
export function toHtml(items: readonly HtmlItem[], title: string): string {
  const needsPlotly = items.some((it) => itemParts(it).figure);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${needsPlotly ? plotlyScriptTag() : ''}
${itemsHtml(items, 'wb-fig')}
</body>
</html>
`;
}
