// Every output format in one map, like ESLint's formatters: a reporter is a pure function from the run to
// text. `tickets cluster --format <name>` prints one; each entry with a `file` description also gets a
// `--<name> <path>` option that writes it. A new format is one more entry here (and its reporter module).
import type { ClusterRun } from '../types.js';
import { renderAssignments } from './assignments.js';
import { renderHtml } from './html/index.js';
import { renderMarkdown } from './markdown.js';
import { renderRunFile, RUN_FILE_SCHEMA_VERSION } from './run-file.js';
import { renderTable, type TableOptions } from './table.js';

/** Settings of the terminal the report is shown on (colors, width, --limit); reporters for files ignore them. */
export type TerminalSettings = TableOptions;

export type Reporter = (run: ClusterRun, terminal: TerminalSettings) => string;

export interface ReportFormat {
  /** What the output is called in messages: "cannot write the <title> to …". */
  title: string;
  /** Help text of the `--<name> <path>` option; absent for formats that only make sense on a terminal. */
  file?: string;
  render: Reporter;
}

const FORMATS = {
  table: { title: 'table', render: renderTable },
  md: { title: 'markdown report', file: 'write a markdown report for backlog grooming', render: renderMarkdown },
  json: {
    title: 'run file',
    file: `write the machine-readable run file (schemaVersion ${RUN_FILE_SCHEMA_VERSION})`,
    render: renderRunFile,
  },
  assignments: {
    title: 'assignments',
    file: 'write a CSV id,cluster,confidence with one row per input row',
    render: renderAssignments,
  },
  html: {
    title: 'HTML report',
    file: 'write a self-contained HTML page: charts, a map of the tickets, the cluster list (opens offline)',
    render: (run) => renderHtml(run),
  },
} satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof FORMATS;

export const REPORT_FORMATS: Readonly<Record<ReportFormatName, ReportFormat>> = FORMATS;

/** The format names, in the map's order: the choices of --format. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormatName[];

/** The formats that can be written to a file, each as its `--<name> <path>` option. */
export const FILE_FORMAT_NAMES = REPORT_FORMAT_NAMES.filter((name) => REPORT_FORMATS[name].file !== undefined);

/** Renders each format at most once, however often it is asked for (a file and stdout may want the same one). */
export function reportRenderer(run: ClusterRun, terminal: TerminalSettings): (format: ReportFormatName) => string {
  const rendered = new Map<ReportFormatName, string>();
  return (format) => {
    let text = rendered.get(format);
    if (text === undefined) {
      text = REPORT_FORMATS[format].render(run, terminal);
      rendered.set(format, text);
    }
    return text;
  };
}
