// Reports: pure functions from a ClusterRun to text.
export { renderTable, shouldUseColor, summaryLine, type TableOptions } from './table.js';
export { renderMarkdown, escapeCell } from './markdown.js';
export {
  renderRunFile,
  parseRunFile,
  toRunFile,
  RUN_FILE_SCHEMA_VERSION,
  type RunFile,
  type RunFileCluster,
} from './run-file.js';
export { renderAssignments, csvField } from './assignments.js';
export { formatMoney, formatCount, formatShare, truncate } from './format.js';
