// `tickets cluster <file>`: the main job. Runs the pipeline, writes the reports the user asked for and prints one.
import { Command, Option } from 'commander';
import { addClusterOptions, clusterJobOptions, type ClusterCliOptions } from './options.js';
import { runClusterJob } from '../pipeline.js';
import {
  FILE_FORMAT_NAMES,
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  reportRenderer,
  shouldUseColor,
  writeOutputs,
  type ReportFormatName,
} from '../report/index.js';
import { guardAgainstInterrupts } from './interrupt.js';
import { StageReporter } from './stages.js';
import { GateTripped, UserError } from '../errors.js';
import { CONFIG_FILE_NAME, loadConfig } from '../config/config-file.js';
import { parseFixes, renderDiffMarkdown, renderDiffTable, trackAgainstBaseline } from '../diff/index.js';
import {
  addTrendOptions,
  diffOptions,
  enforceGate,
  readRunFile,
  writeStepSummary,
  type TrendCliOptions,
} from './diff-command.js';

/** The parsed options: the shared ones, --format and --limit, and one path per file format (--md, --json, …). */
type ClusterCommandOptions = ClusterCliOptions &
  TrendCliOptions &
  Partial<Record<ReportFormatName, string>> & { format: ReportFormatName; limit?: number; baseline?: string };

function positiveLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--limit must be a whole number ≥ 1, got "${value}"`);
  return n;
}

/** The examples closing `tickets cluster --help`: the calls people actually make. */
export function clusterExamples(command: Command): string {
  const has = (flag: string): boolean => command.options.some((o) => o.long === flag);
  const examples: Array<[string, string]> = [
    [
      'zero flags: columns, encoding and delimiter detected, the ranked table on the terminal',
      'tickets cluster export.csv',
    ],
    [
      "costs from an agent's salary: 60 000 a month × 2.5 overhead / 165 hours",
      'tickets cluster export.csv --monthly-salary 60000 --overhead 2.5 --currency RUB',
    ],
  ];
  if (has('--lang')) {
    examples.push([
      'a Russian markdown report for the grooming meeting',
      'tickets cluster export.csv --lang ru --md report.md',
    ]);
  } else {
    examples.push(['a markdown report for the grooming meeting', 'tickets cluster export.csv --md report.md']);
  }
  if (has('--baseline')) {
    examples.push([
      "the weekly CI call: what changed since last week's run file",
      'tickets cluster export.csv --baseline last-week.json --json this-week.json --md report.md',
    ]);
  }
  return `\nExamples:\n${examples.map(([what, call]) => `  # ${what}\n  ${call}`).join('\n')}\n`;
}

export function registerClusterCommand(program: Command): void {
  const command = program
    .command('cluster')
    .description('group the tickets of an export by meaning and rank the groups by cost')
    .argument('<file>', 'ticket export (CSV from a helpdesk or Excel)');
  addClusterOptions(command);
  for (const name of FILE_FORMAT_NAMES) command.option(`--${name} <path>`, REPORT_FORMATS[name].file);
  command
    .addOption(new Option('--format <format>', 'what goes to stdout').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('--limit <n>', 'clusters shown in the table (default: all)', positiveLimit)
    .option('--baseline <run.json>', "last run's file: its clusters keep their ids, the run file carries the diff");
  command.addHelpText('after', () => clusterExamples(command));
  addTrendOptions(command).action(async (file: string, opts: ClusterCommandOptions) => {
    const notify = (line: string) => process.stderr.write(`${line}\n`);
    const { config, path: configPath } = await loadConfig(opts.config, process.cwd());
    if (configPath && !opts.quiet) notify(`config: ${configPath}`);
    // Read before the slow stages, so a missing or foreign baseline fails fast.
    const baseline = opts.baseline ? await readRunFile(opts.baseline) : null;
    const trendOptions = baseline ? diffOptions(opts, parseFixes(config, configPath ?? CONFIG_FILE_NAME)) : null;
    if (!baseline) {
      const gate = ['failOnNew', 'failOnGrowth', 'failOnCostGrowth'] as const;
      const given = gate.find((key) => opts[key] !== undefined);
      if (given) {
        const option = given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        throw new UserError(`--${option} needs --baseline <last run.json>`);
      }
    }
    const jobOptions = clusterJobOptions(opts, notify, config);
    const stages = new StageReporter({ quiet: Boolean(opts.quiet), stream: process.stderr });
    jobOptions.stages = stages;
    if (baseline) jobOptions.baseline = baseline;
    // Ctrl-C: one line and exit 130, never a half-written report or cache segment.
    const interrupts = guardAgainstInterrupts({ cleanup: () => stages.stop() });
    jobOptions.runStage = interrupts.runStage;
    // Texts and map positions stay in memory only for the HTML page.
    jobOptions.ticketDetails = Boolean(opts.html) || opts.format === 'html';
    let run;
    try {
      run = await runClusterJob(file, jobOptions);
    } finally {
      stages.stop();
    }
    if (baseline && trendOptions) run = trackAgainstBaseline(run, baseline, trendOptions);
    const color = shouldUseColor(process.stdout, process.env);
    const clusterReport = reportRenderer(run, {
      color,
      limit: opts.limit,
      width: process.stdout.isTTY ? process.stdout.columns : undefined,
    });
    // With a baseline the markdown report and the table end with the diff (the run file carries it already).
    const { diff } = run;
    const currency = run.cost.currency;
    const trips = diff ? enforceGate(diff, opts, currency) : [];
    const diffMarkdown = diff ? renderDiffMarkdown(diff, currency, trips) : '';
    const report = (name: ReportFormatName): string =>
      !diff
        ? clusterReport(name)
        : name === 'md'
          ? `${clusterReport(name)}\n${diffMarkdown}`
          : name === 'table'
            ? `${clusterReport(name)}\n${renderDiffTable(diff, { color, currency })}`
            : clusterReport(name);
    const outputs = FILE_FORMAT_NAMES.flatMap((name) => {
      const path = opts[name];
      return path ? [{ path, content: report(name), title: REPORT_FORMATS[name].title }] : [];
    });
    const printed = report(opts.format);
    await interrupts.writing(async () => {
      writeOutputs(outputs);
      if (diff) await writeStepSummary(diffMarkdown);
      // Every report already ends with a newline.
      process.stdout.write(printed);
    });
    if (opts.verbose) process.stderr.write(stages.summary());
    if (trips.length > 0) throw new GateTripped(trips);
  });
}
