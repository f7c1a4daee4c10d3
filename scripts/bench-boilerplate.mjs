#!/usr/bin/env node
// npm run bench:boilerplate — clustering quality when 40% of the tickets carry boilerplate.
// For each labeled set: the clean tickets, the same tickets with greetings, signatures, auto subjects and
// contact lines around personal data planted on a seeded random 40%, and those again with boilerplate
// removal switched off (--keep-boilerplate). Each run's assignments are scored by ../shared/tools/score.py.
// Usage: node scripts/bench-boilerplate.mjs [--data <dir>] [--share 0.4] [--seed 42] [set ...]
// Writes the table to stdout and to docs/bench-boilerplate.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { seededRandom } from '../dist/numerics/random.js';
import { benchArguments, root } from './bench-arguments.mjs';

const { args, flag, dataDir } = benchArguments();
const share = Number(flag('--share', '0.4'));
const seed = Number(flag('--seed', '42'));
const sets = args.length ? args : ['hwu64', 'ru_rutube_support'];
const scorer = join(dataDir, '..', 'tools', 'score.py');

// A card number that passes the Luhn check, so the PII masking turns it into [card] as a real one would be.
function cardNumber(random) {
  const digits = [4, 2, 7, 6];
  while (digits.length < 15) digits.push(Math.floor(random() * 10));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = digits[14 - i];
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
}
const phone = (random, ru) =>
  ru
    ? `+7 9${Math.floor(random() * 90 + 10)} ${Math.floor(random() * 900 + 100)}-${Math.floor(random() * 90 + 10)}-${Math.floor(random() * 90 + 10)}`
    : `+1 (415) ${Math.floor(random() * 900 + 100)}-${Math.floor(random() * 9000 + 1000)}`;

const POOLS = {
  ru: {
    subjects: ['Обращение с сайта', 'Заявка из мобильного приложения', 'Новое обращение через чат'],
    greetings: ['Здравствуйте!', 'Добрый день,', 'Доброго времени суток!'],
    contacts: [
      (r) => `Номер карты ${cardNumber(r)}`,
      (r) => `Телефон для связи ${phone(r, true)}`,
      (r) => `Почта для связи user${Math.floor(r() * 1000)}@mail.ru`,
    ],
    closings: ['Спасибо. Жду ответа', 'С уважением, Ирина', 'Отправлено с iPhone', 'Заранее спасибо, Олег'],
  },
  en: {
    subjects: ['Request from website', 'New ticket via mobile app', 'Web form submission'],
    greetings: ['Hello,', 'Hi team!', 'Good morning,'],
    contacts: [
      (r) => `Card number ${cardNumber(r)}`,
      (r) => `Contact phone ${phone(r, false)}`,
      (r) => `My email is user${Math.floor(r() * 1000)}@example.com`,
    ],
    closings: [
      'Thanks, waiting for your reply',
      'Best regards, Anna',
      'Sent from my iPhone',
      'Kind regards, John Smith',
    ],
  },
};

/** The ticket with some boilerplate around it: an auto subject, a greeting, a contact line, a closing. */
function plant(text, random) {
  const pool = POOLS[/[\u0400-\u04ff]/.test(text) ? 'ru' : 'en'];
  const pick = (list) => list[Math.floor(random() * list.length)];
  const lines = [];
  if (random() < 0.5) lines.push(pick(pool.subjects));
  lines.push(random() < 0.7 ? `${pick(pool.greetings)} ${text}` : text);
  if (random() < 0.6) lines.push(pick(pool.contacts)(random));
  if (random() < 0.7 || lines.length === 1) lines.push(pick(pool.closings));
  return lines.join('\n');
}

function score(labelsFile, assignmentsFile) {
  const res = spawnSync('python3', [scorer, labelsFile, assignmentsFile], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`score.py failed: ${res.stdout}${res.stderr}`);
  const field = (name) => Number(new RegExp(`${name}=([\\d.]+)`).exec(res.stdout)?.[1]);
  return {
    nmi: field('NMI'),
    ari: field('ARI'),
    noise: field('noise'),
    clusters: field('clusters'),
    line: res.stdout.trim(),
  };
}

function cluster(file, out, extra) {
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'tickets.js'),
      'cluster',
      file,
      '--text',
      'text',
      '--id',
      'id',
      '--embedder',
      'lexical',
      '--seed',
      String(seed),
      '--assignments',
      join(out, 'assignments.csv'),
      '--json',
      join(out, 'run.json'),
      '--quiet',
      ...extra,
    ],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  if (res.status !== 0) throw new Error(`tickets cluster ${file} failed: ${res.stderr}`);
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  return { assignments: join(out, 'assignments.csv'), boilerplateTickets: run.boilerplate?.tickets ?? 0, run };
}

const work = mkdtempSync(join(tmpdir(), 'tickets-bench-boilerplate-'));
const rows = [];
try {
  for (const set of sets) {
    const file = join(dataDir, set, 'tickets.csv');
    if (!existsSync(file)) {
      console.error(`skip ${set}: ${file} not found`);
      continue;
    }
    /** @type {Array<{ id: string, text: string, label: string }>} */
    const tickets = parse(readFileSync(file), { columns: true, bom: true });
    const random = seededRandom(seed);
    let planted = 0;
    const withBoilerplate = tickets.map((t) => {
      if (random() >= share) return t;
      planted++;
      return { ...t, text: plant(t.text, random) };
    });
    const plantedFile = join(work, `${set}-planted.csv`);
    writeFileSync(plantedFile, stringify(withBoilerplate, { header: true, columns: ['id', 'text', 'label'] }));
    /** @type {Record<string, any>} */
    const result = {};
    /** @type {Array<[string, string, string[]]>} */
    const runs = [
      ['clean', file, []],
      ['planted', plantedFile, []],
      ['planted, kept', plantedFile, ['--keep-boilerplate']],
    ];
    for (const [name, input, extra] of runs) {
      const out = join(work, `${set}-${name.replace(/\W+/g, '-')}`);
      mkdirSync(out, { recursive: true });
      const run = cluster(input, out, extra);
      const figures = score(file, run.assignments);
      result[name] = { ...figures, boilerplateTickets: run.boilerplateTickets };
      // Boilerplate must never name a cluster.
      const leaked = run.run.clusters.filter((c) =>
        /уважением|iphone|обращение с сайта|для связи|номер карты|regards|website|contact phone|card number|waiting for your reply/i.test(
          c.label,
        ),
      );
      result[name].leaked = leaked.length;
      console.error(
        `${set} ${name}: ${figures.line} · boilerplate in ${run.boilerplateTickets} tickets · ${leaked.length} labels with it`,
      );
    }
    rows.push({ set, tickets: tickets.length, plantedCount: planted, ...result });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const f = (x) => x.toFixed(3);
const lines = [
  `Boilerplate planted on ${Math.round(share * 100)}% of the tickets (seed ${seed}), lexical embedder, scored by ../shared/tools/score.py.`,
  '',
  '| set | tickets | planted | NMI clean | NMI planted | Δ | NMI planted, removal off | tickets found with boilerplate | labels carrying it (removal on / off) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.set} | ${r.tickets} | ${r.plantedCount} | ${f(r.clean.nmi)} | ${f(r.planted.nmi)} | ${(r.planted.nmi - r.clean.nmi >= 0 ? '+' : '') + f(r.planted.nmi - r.clean.nmi)} | ${f(r['planted, kept'].nmi)} | ${r.planted.boilerplateTickets} | ${r.planted.leaked} / ${r['planted, kept'].leaked} |`,
  ),
  '',
  `Regenerate: \`npm run bench:boilerplate -- ${sets.join(' ')}\``,
];
const table = `${lines.join('\n')}\n`;
process.stdout.write(table);
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs', 'bench-boilerplate.md'), `# Boilerplate benchmark\n\n${table}`);
const worst = Math.max(...rows.map((r) => r.clean.nmi - r.planted.nmi));
if (worst > 0.02) {
  console.error(`NMI with planted boilerplate fell by ${worst.toFixed(3)} (> 0.02)`);
  process.exitCode = 1;
}
