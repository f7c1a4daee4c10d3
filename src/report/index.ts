// Reports: pure functions from a ClusterRun to text (one map from format name to reporter, in registry.ts)
// and the one place that writes output files (write-outputs.ts).
export {
  REPORT_FORMATS,
  REPORT_FORMAT_NAMES,
  FILE_FORMAT_NAMES,
  reportRenderer,
  type ReportFormatName,
} from './registry.js';
export { writeOutputs } from './write-outputs.js';
export { renderTable, shouldUseColor } from './table.js';
export { renderMarkdown, escapeCell } from './markdown.js';
export { renderRunFile, parseRunFile } from './run-file.js';
export { renderAssignments, csvField } from './assignments.js';
