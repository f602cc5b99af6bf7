import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as workbench from '../lib';

// The public API of dist/index.js (compiled from lib/index.ts), pinned: a name added, renamed or
// removed fails here, so every change to what notebooks and user scripts can import is deliberate.

const EXPORTS = [
  'ATTRIBUTES', 'AttrEmbed', 'BLUES', 'CACHE_VERSION', 'CharEmbed', 'DEFAULT_VECTORS', 'ENTITY_COLORS', 'Errors',
  'Featurizer', 'INPUT_KEYS', 'JointPipeline', 'NAMED_VECTORS', 'PRFScore', 'PhraseMatcher', 'RECORDED_PACKAGES',
  'REGIME_RULES', 'Registry', 'SELECTION_STRATEGIES', 'SERIES_COLORS', 'SMALL_DATA_MAX_TEXTS', 'SMALL_DATA_SETTINGS', 'SMALL_JOINT_MAX_TEXTS', 'STANDARD_MIN_STEPS', 'StaticVectors', 'TASK_KEYS', 'TOKENIZERS', 'TOKEN_CHAR_MIN',
  'TaggerHead', 'TaskMerger', 'TextcatHead', 'TokenCatsHead', 'TokenCharHasher', 'VECTOR_MAGIC', 'VectorTable', 'Warnings',
  'WorkbenchError', 'WorkbenchWarning', 'YLGNBU', 'activeLearningCurves', 'activeLearningVerdicts',
  'addJointExample', 'annotatedHeatmap', 'applyInterestThreshold', 'applyTokenSource', 'argmaxLabel', 'axisRef', 'bandTraces',
  'bucketBatches', 'byMode', 'cacheDir', 'cancelSweep', 'canonicalJson', 'catCounts', 'catEntityLabels', 'catPRF',
  'catUncertainty', 'check', 'codePointLength', 'codePointToUtf16', 'collect', 'collectLabels', 'compareSchemeRows',
  'compareSchemes', 'concat', 'configForTraining', 'configHash', 'configSchema', 'confusionHeatmap', 'contentHashes',
  'cooccurrenceHeatmap', 'cpuModel', 'crfStructure', 'curveSummary', 'dataDir', 'dataFingerprint', 'dataFrame',
  'datasetPath', 'datasetsTable', 'debugData', 'debugExamples', 'decodeConsistent', 'decodeEntities', 'decodeTable',
  'dedup', 'defaultConfig', 'detectTokenizer', 'devEvaluator', 'encodeTable', 'encoders', 'engine', 'entityColor',
  'entityCounts', 'environmentInfo', 'epochsFor', 'errorViewer', 'escapeHtml', 'escapePlotlyText', 'evaluate',
  'evaluateRun', 'exactMatch', 'exactMatchFlags', 'expandTransitions', 'factoredViterbi', 'featureSettings',
  'fewExamples', 'figureHtml', 'figureProblems', 'fileCacheFile', 'fileSlug', 'findWithPhrases', 'findWithTerms',
  'forgetLoadedVectors', 'formatDuration', 'formatProgress', 'fromBiluo', 'fromBio', 'getStream', 'goldLabel',
  'gumSplits', 'hashCnnEncoder', 'hashString', 'holmAdjust', 'inferExclusive', 'inputHash', 'interestGold',
  'interestScores', 'interestThresholdCurve', 'interestThresholdFigure', 'isAsyncIterable', 'isFigure',
  'isJointLine', 'isValidSequence', 'joinTokens', 'labelCounts', 'learningCurveSizes', 'learningCurves',
  'lengthSortedBatches', 'loadConll', 'loadGum', 'loadHwu64', 'loadNluEvaluation', 'loadPipeline', 'loadProdigy',
  'loadRuns', 'loadSample', 'loadSampleDocuments', 'loadSampleJoint', 'loadSlotIntent', 'loadVectors', 'logGamma',
  'macroPRF', 'maskUrl', 'mcnemarCats', 'mcnemarExact', 'meanCI', 'mergeDatasets', 'mergeDatasetsWithStats',
  'multisetDiff', 'murmurhash3_32', 'namedCacheFile', 'nerUncertainty', 'nluEvaluationTokens', 'normalCdf',
  'normalQuantile', 'packageRoot', 'packageVersions', 'pairedBootstrap', 'pairedBootstrapPooled', 'pairedTTest',
  'panelAxes', 'panelTitle', 'parseCsv', 'parseInlineEntities', 'parseQueueTarget', 'pathScore', 'perTypeF1Bars',
  'pickBatch', 'planExperiment', 'plotlyScriptTag', 'pool', 'predictBatches', 'predictTasks', 'preferHighScores',
  'preferLowScores', 'preferUncertain', 'prf', 'prodigyTaskKind', 'progressReporter', 'quantizeRows', 'queueSafeKey', 'readExamples',
  'readJson', 'readJsonl', 'readJsonlEntries', 'readJsonlExamples', 'readNerTextcat', 'readPatterns', 'readProdigy',
  'readRun', 'readTableFile', 'readTextLines', 'readTextVectors', 'readWinkEmbeddings', 'readWord2vecBinary',
  'registerScheme', 'regularizedBeta', 'remapTokenExtras', 'renderEntities', 'resolveCatTask', 'resolveRegime', 'retokenizeExamples', 'rocAuc', 'runConfig',
  'runExperiment', 'runExperimentRecords', 'runFileName', 'runJobFile', 'runKeyOf', 'runMode', 'runName', 'runRows',
  'sampleFiles', 'samplePath', 'schemeComparisonBars', 'schemeComparisonReport', 'schemeReportHtml',
  'schemeVerdicts', 'schemes', 'schemesTable', 'scoreCats', 'scoreDocEntities', 'scoreEntities', 'scoreEntityTokens', 'scoreExamples',
  'scriptJson', 'seriesColors', 'setHashes', 'shortHash', 'show', 'simulateActiveLearning', 'splitByTask',
  'startLocalRedis', 'startWorker', 'subsample', 'suggestTasks', 'tCdf', 'tQuantile', 'tableHtml', 'tagConstraints',
  'tagNames', 'tagScheme', 'taggerDecoder', 'taggerTransitions', 'take', 'taskHash', 'tee', 'toActiveLearningCurves',
  'toAsyncIterator', 'toBiluo', 'toBio', 'toHtml', 'toProdigyTask', 'toProdigyTasks', 'tokenCatLoss', 'tokenRange', 'tokenize', 'trainAndEvaluate',
  'trainDevSplit', 'trainInChildren', 'trainPipeline', 'trainRunJob', 'trainWhileImproving', 'trainingCurves', 'utf16ToCodePoint',
  'validateConfig', 'vectorCacheFile', 'vectorRows', 'verdictSummaryHtml', 'viterbi', 'warn', 'whitespaceTokenize',
  'withAlpha', 'withRegime', 'wordShape', 'writeJsonAtomic', 'writeJsonl', 'writeTableFile',
];

const ENGINE_EXPORTS = [
  'Adam', 'Dense', 'Dropout', 'HashEmbed', 'LAYER_NORM_EPS', 'LayerNorm', 'Maxout', 'MultiHashEmbed', 'Relu', 'Rng', 'SelfAttention',
  'WEIGHTS_BIN', 'WEIGHTS_MANIFEST', 'WindowConv', 'applyRows', 'applyWindowPlan', 'backend', 'biasGradient',
  'cachedPlan', 'chain', 'checkHashKeys', 'checkLengths', 'checkWidth', 'clipByGlobalNorm', 'collectParams',
  'concatenate', 'createLayer', 'customOp', 'dataOf', 'dense', 'disposeLayer', 'dropoutMask', 'embedBags',
  'embedRows', 'gatherRows', 'getDim', 'getParam', 'glorotUniform', 'hasDim', 'hashRowIds', 'inferDim', 'init',
  'inverseIndex', 'isPadded', 'isSeq', 'layerNorm', 'loadWeights', 'maskFromLengths', 'matMulFast',
  'matMulTransposeA', 'matMulTransposeB', 'maxoutOp', 'meanPool', 'minibatches', 'murmurhashInt32', 'normal', 'ones',
  'padRagged', 'permuteRows', 'predict', 'raggedAttention', 'residual', 'rewrap', 'saveWeights', 'segmentSumRows', 'setParam',
  'tapeRecording', 'tf', 'trainStep', 'uniform', 'unpadRagged', 'walkLayers', 'windowConcat', 'windowConcatRagged',
  'windowPlan', 'withData', 'withPadding', 'writeFileAtomic', 'zeros',
];

test('lib/index.ts exports exactly the pinned names', () => {
  assert.deepEqual(Object.keys(workbench).sort(), EXPORTS);
});

test('the engine namespace exports exactly the pinned names', () => {
  assert.deepEqual(Object.keys(workbench.engine).sort(), ENGINE_EXPORTS);
});
