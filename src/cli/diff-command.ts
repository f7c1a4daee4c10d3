// `tickets diff <previous run.json> <current run.json>`, and the trend options `tickets cluster --baseline` shares:
// growth thresholds, the CI gate (exit 1 like ESLint), fixes from the config file, the GitHub job summary.
import { appendFile, readFile, stat } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { GateTripped, UserError } from '../errors.js';
import { parseRunFile, shouldUseColor, writeOutputs } from '../report/index.js';
import type { RunFile } from '../report/run-file.js';
import {
  checkGate,
  diffRuns,
  fitStepSummary,
  parseFixes,
  renderDiffMarkdown,
  renderDiffTable,
  DEFAULT_GROWTH_PERCENT,
  DEFAULT_MIN_CHANGE,
  type DiffOptions,
  type Fix,
  type GateRules,
  type TrendDiff,
} from '../diff/index.js';
import { CONFIG_FILE_NAME, loadConfig } from '../config/config-file.js';

/** GitHub's limit on one step's job summary. */
const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface TrendCliOptions {
  growth: number;
  minChange: number;
  failOnNew?: number;
  failOnGrowth?: number;
  failOnCostGrowth?: number;
}

function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}".`);
    }
    return n;
  };
}

function percent(name: string) {
  return (value: string): number => {
    const n = Number(value.replace(/%$/, ''));
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(`${name} must be a percentage ≥ 0 like 50, got "${value}".`);
    }
    return n;
  };
}

/** Options shared by `tickets diff` and `tickets cluster --baseline`. */
export function addTrendOptions(command: Command): Command {
  return command
    .option(
      '--growth <percent>',
      `tickets and share must both change this much to count as growing/shrinking (default ${DEFAULT_GROWTH_PERCENT})`,
      percent('--growth'),
      DEFAULT_GROWTH_PERCENT,
    )
    .option(
      '--min-change <tickets>',
      `…and by at least this many tickets, so 2 → 4 is not "+100%" (default ${DEFAULT_MIN_CHANGE})`,
      wholeNumber('--min-change'),
      DEFAULT_MIN_CHANGE,
    )
    .option(
      '--fail-on-new <tickets>',
      'exit 1 when a new cluster has at least this many tickets',
      wholeNumber('--fail-on-new'),
    )
    .option(
      '--fail-on-growth <percent>',
      'exit 1 when a cluster grew by this percent in tickets and share (and by --min-change tickets)',
      percent('--fail-on-growth'),
    )
    .option(
      '--fail-on-cost-growth <percent>',
      'exit 1 when the total estimated cost grew by this percent',
      percent('--fail-on-cost-growth'),
    );
}

/** Reads a run file given on the command line; a missing or foreign file is one line and exit 2. */
export async function readRunFile(path: string): Promise<RunFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read the run file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseRunFile(text, path);
}

/** The fixes of --config, or of ./tickets.config.json when it exists. */
async function readFixes(configPath: string | undefined): Promise<Fix[]> {
  const { config, path } = await loadConfig(configPath, process.cwd());
  return parseFixes(config, path ?? CONFIG_FILE_NAME);
}

export function diffOptions(opts: TrendCliOptions, fixes: Fix[]): DiffOptions {
  return { growthPercent: opts.growth, minChange: opts.minChange, fixes };
}

export function gateRules(opts: TrendCliOptions): GateRules {
  return {
    failOnNew: opts.failOnNew,
    failOnGrowth: opts.failOnGrowth,
    failOnCostGrowth: opts.failOnCostGrowth,
    minChange: opts.minChange,
  };
}

/** Appends the markdown diff to the GitHub Actions job summary, when running there. */
export async function writeStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  // Earlier steps' summaries share the same file and limit.
  const used = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  try {
    await appendFile(path, fitStepSummary(markdown, Math.max(0, STEP_SUMMARY_LIMIT - used)));
  } catch (err) {
    throw new UserError(
      `cannot write the job summary to ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** After every output is written: a tripped gate is exit 1 with one line per rule and cluster. */
export function enforceGate(diff: TrendDiff, opts: TrendCliOptions, currency: string): string[] {
  return checkGate(diff, gateRules(opts), currency);
}

interface DiffCommandOptions extends TrendCliOptions {
  config?: string;
  md?: string;
  json?: string;
  format: 'table' | 'md' | 'json';
}

export function registerDiffCommand(program: Command): void {
  const command = program
    .command('diff')
    .description('what changed between two runs: new, growing, shrinking, stable, gone, split and merged clusters')
    .argument('<previous>', 'run file of the earlier run (tickets cluster --json)')
    .argument('<current>', 'run file of the later run');
  addTrendOptions(command)
    .option('--config <path>', `config file with "fixes" to follow (default: ${CONFIG_FILE_NAME} when present)`)
    .option('--md <path>', 'write the diff as markdown')
    .option('--json <path>', 'write the diff as JSON')
    .addOption(new Option('--format <format>', 'what goes to stdout').choices(['table', 'md', 'json']).default('table'))
    .action(async (previousPath: string, currentPath: string, opts: DiffCommandOptions) => {
      const [previous, current] = [await readRunFile(previousPath), await readRunFile(currentPath)];
      const { diff } = diffRuns(previous, current, diffOptions(opts, await readFixes(opts.config)));
      const currency = current.cost.currency;
      const trips = enforceGate(diff, opts, currency);
      const markdown = renderDiffMarkdown(diff, currency, trips);
      const json = `${JSON.stringify(diff, null, 2)}\n`;
      writeOutputs([
        ...(opts.md ? [{ path: opts.md, content: markdown, title: 'markdown diff' }] : []),
        ...(opts.json ? [{ path: opts.json, content: json, title: 'diff' }] : []),
      ]);
      await writeStepSummary(markdown);
      process.stdout.write(
        opts.format === 'md'
          ? markdown
          : opts.format === 'json'
            ? json
            : renderDiffTable(diff, { color: shouldUseColor(process.stdout, process.env), currency }),
      );
      if (trips.length > 0) throw new GateTripped(trips);
    });
}
