#!/usr/bin/env node
// The text stage (cleaning, masking, boilerplate) on one thread and on two (TICKETS_THREADS=1, then 2, in one
// process, back to back): wall, processor seconds of the whole process and of the main thread alone (from
// /proc/self/task, Linux), and whether the two give the same texts, skipped rows and boilerplate summary.
// On a loaded machine the main thread's CPU tells the two apart best: the helper's work is what it no longer does.
// Usage: node scripts/bench-text-threads.mjs export.csv [--repeat 1]   (needs `npm run build` first)
import { readFileSync } from 'node:fs';
import { readTicketExport } from '../dist/ingest/index.js';
import { textStage } from '../dist/text/text-threads.js';

const args = process.argv.slice(2);
const file = args[0];
if (!file || file.startsWith('--')) {
  console.error('usage: node scripts/bench-text-threads.mjs export.csv [--repeat 1]');
  process.exit(2);
}
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 1;
const ticketExport = await readTicketExport(file);
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** The main thread's user + system seconds (fields 14 and 15 of its stat, in clock ticks of 1/100 s). */
const mainThreadCpu = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const results = {};
for (let round = 0; round < repeat; round++) {
  for (const threads of ['1', '2']) {
    process.env.TICKETS_THREADS = threads;
    const [wall0, cpu0, main0] = [performance.now(), cpu(), mainThreadCpu()];
    const result = textStage(ticketExport);
    const wall = (performance.now() - wall0) / 1000;
    console.log(
      `${ticketExport.tickets.length} tickets, ${threads} thread(s): ${wall.toFixed(2)} s wall, ` +
        `${(cpu() - cpu0).toFixed(2)} CPU s, main thread ${(mainThreadCpu() - main0).toFixed(2)} CPU s`,
    );
    results[threads] = JSON.stringify([
      result.texts,
      result.summary,
      result.cut,
      result.ticketExport.skipped,
      result.ticketExport.tickets.map((t) => t.id),
    ]);
  }
  console.log(`same texts, skipped rows and boilerplate summary: ${results['1'] === results['2']}`);
}
