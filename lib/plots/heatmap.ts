import { escapePlotlyText, type Figure } from './figure';

/** Options shared by the heatmap builders. */
export interface HeatmapSpec {
  z: number[][];
  /** Cell labels; default: z formatted. */
  text?: string[][];
  xLabels: string[];
  yLabels: string[];
  xTitle: string;
  yTitle: string;
  title: string;
  /** Light (0) to dark (max) colour stops; dark cells get white text. */
  colorscale?: [number, string][];
  zmax?: number;
  height?: number;
  hover?: string[][];
}

/** ColorBrewer Blues, light to dark (plotly's named 'Blues' runs dark to light). */
export const BLUES: [number, string][] = [[0, '#f7fbff'], [0.25, '#c6dbef'], [0.5, '#6baed6'], [0.75, '#2171b5'], [1, '#08306b']];

/** ColorBrewer YlGnBu, light to dark. */
export const YLGNBU: [number, string][] = [[0, '#ffffd9'], [0.25, '#c7e9b4'], [0.5, '#41b6c4'], [0.75, '#225ea8'], [1, '#081d58']];

/** A categorical heatmap with one annotation per cell (white text on dark cells), first row on top. */
export function annotatedHeatmap(spec: HeatmapSpec): Figure {
  const x = spec.xLabels.map(escapePlotlyText);
  const y = spec.yLabels.map(escapePlotlyText);
  const max = spec.zmax ?? Math.max(0, ...spec.z.flat());
  const annotations = spec.z.flatMap((row, i) =>
    row.map((v, j) => ({
      x: x[j],
      y: y[i],
      xref: 'x',
      yref: 'y',
      text: spec.text?.[i][j] ?? String(v),
      showarrow: false,
      font: { color: max > 0 && v > max / 2 ? 'white' : 'black', size: 12 },
    })),
  );
  return {
    data: [
      {
        type: 'heatmap',
        z: spec.z,
        x,
        y,
        colorscale: spec.colorscale ?? BLUES,
        zmin: 0,
        ...(max > 0 ? { zmax: max } : {}),
        ...(spec.hover ? { text: spec.hover, hoverinfo: 'text' } : {}),
        xgap: 1,
        ygap: 1,
      },
    ],
    layout: {
      title: { text: escapePlotlyText(spec.title) },
      xaxis: { title: { text: spec.xTitle, standoff: 12 }, type: 'category', side: 'bottom', automargin: true },
      yaxis: { title: { text: spec.yTitle, standoff: 12 }, type: 'category', autorange: 'reversed', automargin: true },
      annotations,
      height: spec.height ?? Math.max(340, 160 + 45 * spec.yLabels.length),
      // automargin makes room for tick labels but not for the axis title: leave it room explicitly.
      margin: { t: 70, l: 40 + 7 * Math.max(4, ...spec.yLabels.map((l) => l.length)), b: 80 },
    },
  };
}
