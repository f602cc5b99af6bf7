// Types of scripts/check-report-plots.mjs (plain JavaScript so it runs without a build), for the
// TypeScript that imports it (scripts/check-html.ts, test/plots/chromium.test.ts).

/** Path of a Chromium/Chrome binary: env CHROMIUM, else the usual names; undefined when none. */
export function chromiumPath(): string | undefined;
/** The page's DOM after its scripts ran (virtual time budget in ms). */
export function dumpDom(htmlPath: string, budgetMs?: number): string;
/** Saves a PNG screenshot of the page (width × height pixels). */
export function screenshot(htmlPath: string, pngPath: string, opts?: { width?: number; height?: number; budgetMs?: number }): void;
/** Plot calls in the page's own scripts (the plotly bundle itself excluded). */
export function countPlotCalls(html: string): number;
/** Rendered plots in a DOM dump: for each .js-plotly-plot div, whether it holds an svg with a trace. */
export function renderedPlots(dom: string): { id: string; hasSvg: boolean; hasTrace: boolean }[];
/** Renders the page in headless Chromium and lists what is wrong with its plots (empty = all good). */
export function checkReportPlots(htmlPath: string, budgetMs?: number): { expected: number; rendered: number; bundles: number; problems: string[] };
