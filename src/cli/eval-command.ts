// `tickets eval <file> --label <col>`: how well the clusters match a human labeling of the same tickets.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { addClusterOptions, type ClusterCliOptions } from './options.js';
import { clusterJobOptions } from './cluster-command.js';
import { clusterExport } from '../pipeline.js';
import { scoreClustering, renderScore, type ClusteringScore } from '../eval/score.js';
import { UserError } from '../errors.js';

interface EvalCommandOptions extends ClusterCliOptions {
  label: string;
  json?: string | boolean;
}

export function registerEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description('score the clustering against a labeled column: NMI, ARI, homogeneity, completeness, noise')
    .argument('<file>', 'labeled ticket export')
    .requiredOption('--label <column>', 'column with the human category of each ticket');
  addClusterOptions(command)
    .option('--json [path]', 'print the scores as JSON (or write them to path)')
    .action(async (file: string, opts: EvalCommandOptions) => {
      const notify = (line: string) => process.stderr.write(`${line}\n`);
      const jobOptions = clusterJobOptions(opts, notify);
      jobOptions.checkExport = (exp) => {
        if (!exp.header.includes(opts.label)) {
          throw new UserError(`${file}: no column "${opts.label}" for --label; the columns are: ${exp.header.join(', ')}`);
        }
        if (exp.columns.text.includes(opts.label)) {
          throw new UserError(`${file}: the --label column "${opts.label}" is also a text column; choose the text with --text`);
        }
      };
      // Only the clusters are scored, so labeling and ranking are skipped.
      const { ticketExport, assignment } = await clusterExport(file, jobOptions);
      const truth = ticketExport.tickets.map((t) => t.extra[opts.label] ?? '');
      const score: ClusteringScore = scoreClustering(truth, assignment.labels);
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
      } else {
        if (typeof opts.json === 'string') await writeFile(opts.json, `${JSON.stringify(score, null, 2)}\n`);
        process.stdout.write(renderScore(score));
      }
    });
}
