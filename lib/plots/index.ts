// Public exports of lib/plots (each file re-exported here).
export { figureProblems, isFigure, panelAxes, panelTitle, axisRef, escapePlotlyText, type Figure, type PlotTrace } from './figure';
export { ENTITY_COLORS, SERIES_COLORS, entityColor, seriesColors, withAlpha, hashString } from './colors';
export { schemeComparisonBars, type SchemeBarsInput, type SchemeBarsOptions, type TableLike } from './schemeBars';
export { learningCurves, bandTraces, type LearningCurvesOptions } from './learningCurves';
export { trainingCurves, type TrainingCurvesOptions } from './trainingCurves';
export { confusionHeatmap, type ConfusionOptions } from './confusionHeatmap';
export { perTypeF1Bars, type PerTypeOptions } from './perTypeBars';
export { activeLearningCurves, type ActiveLearningCurve, type ActiveLearningOptions } from './activeLearningCurves';
export { cooccurrenceHeatmap, type CooccurrenceOptions } from './cooccurrenceHeatmap';
export { annotatedHeatmap, BLUES, YLGNBU, type HeatmapSpec } from './heatmap';
export { toHtml, escapeHtml, figureHtml, plotlyScriptTag, scriptJson, type HtmlItem } from './html';
export { show, type ShowItem, type ShowOptions, type HtmlDisplay } from './show';
export { renderEntities, type RenderEntitiesOptions } from './renderEntities';
export { errorViewer, type ErrorViewerOptions } from './errorViewer';
