// Reports: pure functions from a ClusterRun to text.
export { renderTable, shouldUseColor } from './table.js';
export { renderMarkdown, escapeCell } from './markdown.js';
export { renderRunFile, parseRunFile } from './run-file.js';
export { renderAssignments, csvField } from './assignments.js';
