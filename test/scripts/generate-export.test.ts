// The generated exports of `npm run bench:scale` (scripts/generate-export.mjs): the templated default, whose
// figures are on record in docs/benchmarks.md, and the all-different one (--distinct), whose tickets carry their
// customers' own details as a real export's do while its planted topics stay there to find.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { clusterExport } from '../../src/pipeline.js';
import { labelVector, nmi } from '../../src/eval/metrics.js';
import { ONE_OFF_LABEL, writeGeneratedExport } from '../../scripts/generate-export.mjs';
import { englishNumber, russianRubles, withTypos } from '../../scripts/export-details.mjs';
import { distinctShare } from '../../scripts/distinct-share.mjs';
import { mulberry32 } from '../../src/numerics/random.js';

const dir = mkdtempSync(join(tmpdir(), 'generate-export-'));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function generated(tickets: number, distinct: boolean, name = `${tickets}-${distinct}`) {
  const file = join(dir, `${name}.csv`);
  const labelsFile = join(dir, `${name}-labels.csv`);
  writeGeneratedExport({ tickets, file, labelsFile, seed: 7, distinct });
  return { file, labelsFile };
}

const rowsOf = (file: string): string[][] => parse(readFileSync(file, 'utf8'));

describe('generate-export', () => {
  it('writes the templated export byte for byte as the one whose figures are on record', () => {
    const { file, labelsFile } = generated(3000, false);
    expect(sha256(file)).toBe('0cf8538bc771d9eb8f27d0371de4d845b44824a9faeb858fdcfcffaac996a413');
    expect(sha256(labelsFile)).toBe('058dd073813912dde138dac37da90e304f91eea84c9d2d483fc40699d983fbe5');
  });

  it('with --distinct changes only the texts: same ids, dates, columns and labels file, the same bytes twice', () => {
    const templated = generated(3000, false);
    const distinct = generated(3000, true);
    expect(sha256(generated(3000, true, 'again').file)).toBe(sha256(distinct.file));
    expect(readFileSync(distinct.labelsFile, 'utf8')).toBe(readFileSync(templated.labelsFile, 'utf8'));
    const before = rowsOf(templated.file);
    const after = rowsOf(distinct.file);
    expect(after).toHaveLength(before.length);
    const header = before[0]!;
    const textColumns = [header.indexOf('Subject'), header.indexOf('Description')];
    const other = (row: string[]) => row.filter((_, c) => !textColumns.includes(c));
    expect(after.map(other)).toEqual(before.map(other));
    const description = textColumns[1]!;
    const changed = after.filter((row, i) => row[description] !== before[i]![description]).length;
    expect(changed / after.length).toBeGreaterThan(0.95);
  });

  it('with --distinct, nearly every ticket text differs once the tool has cleaned it; the templated ones repeat', async () => {
    const distinct = await distinctShare(generated(1500, true).file);
    expect(distinct.tickets).toBe(1500);
    expect(distinct.distinct / distinct.tickets).toBeGreaterThan(0.99);
    const templated = await distinctShare(generated(1500, false).file);
    expect(templated.distinct / templated.tickets).toBeLessThan(0.85);
  });

  it('with --distinct keeps the planted topics there to find', async () => {
    const { file, labelsFile } = generated(1000, true);
    const clustered = await clusterExport(file, {
      ingest: {},
      embed: { embedder: 'lexical', offline: true, seed: 42, useCache: false },
      cluster: { seed: 42 },
      cost: {},
      recordedOptions: {},
      notify: () => {},
    });
    const topicOf = new Map(rowsOf(labelsFile).slice(1) as Array<[string, string]>);
    const truth: string[] = [];
    const found: string[] = [];
    clustered.ticketExport.tickets.forEach((ticket, i) => {
      const topic = topicOf.get(ticket.id)!;
      if (topic === ONE_OFF_LABEL) return;
      truth.push(topic);
      found.push(String(clustered.assignment.labels[i]));
    });
    expect(truth.length).toBeGreaterThan(950);
    expect(nmi(labelVector(truth), labelVector(found))).toBeGreaterThan(0.6);
  }, 180_000); // a few processor seconds; minutes of wall time on a machine busy with other work
});

describe('a customer’s own details', () => {
  it('writes amounts in words as people do, in English and in Russian rubles', () => {
    expect(englishNumber(7)).toBe('seven');
    expect(englishNumber(45)).toBe('forty-five');
    expect(englishNumber(2345)).toBe('two thousand three hundred and forty-five');
    expect(englishNumber(1005)).toBe('one thousand and five');
    expect(russianRubles(1)).toBe('один рубль');
    expect(russianRubles(2)).toBe('два рубля');
    expect(russianRubles(11)).toBe('одиннадцать рублей');
    expect(russianRubles(1000)).toBe('одна тысяча рублей');
    expect(russianRubles(21_710)).toBe('двадцать одна тысяча семьсот десять рублей');
    expect(russianRubles(2_342)).toBe('две тысячи триста сорок два рубля');
    expect(russianRubles(15_000)).toBe('пятнадцать тысяч рублей');
  });

  it('makes typos of one letter in longer words only, at the rate asked', () => {
    const text = 'Курьер не приехал в назначенное время, the parcel is late';
    expect(withTypos(text, 0, mulberry32(1))).toBe(text);
    const typed = withTypos(text, 1, mulberry32(1));
    const words = text.split(' ');
    const typedWords = typed.split(' ');
    expect(typedWords).toHaveLength(words.length);
    typedWords.forEach((word: string, i: number) => {
      const original = words[i]!;
      if (original.replace(/[^\p{L}]/gu, '').length < 5) expect(word).toBe(original);
      else {
        expect(word).not.toBe(original);
        expect(Math.abs(word.length - original.length)).toBeLessThanOrEqual(1);
        expect(word[0]).toBe(original[0]);
      }
    });
  });
});
