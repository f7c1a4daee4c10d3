// Fixes marked in the config file: "we shipped a fix for T12 on 2026-12-01" — then watch its weekly share.
import { UserError } from '../errors.js';
import type { HistoryPoint } from '../types.js';
import type { Fix, FixEffect } from './types.js';

/** Reads the `fixes` list of a config object; `source` names the file in error messages. */
export function parseFixes(config: unknown, source: string): Fix[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UserError(`${source}: expected a JSON object`);
  }
  const list = (config as { fixes?: unknown }).fixes;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new UserError(`${source}: "fixes" must be a list`);
  return list.map((item, i) => {
    const where = `${source}: fixes[${i}]`;
    if (typeof item !== 'object' || item === null) throw new UserError(`${where} must be an object`);
    const { cluster, date, note } = item as Record<string, unknown>;
    if (typeof cluster !== 'string' || !/^T\d+$/.test(cluster)) {
      throw new UserError(
        `${where}: "cluster" must be a lasting cluster id like "T12", got ${JSON.stringify(cluster)}`,
      );
    }
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new UserError(`${where}: "date" must be a day like "2026-12-01", got ${JSON.stringify(date)}`);
    }
    if (note !== undefined && typeof note !== 'string') throw new UserError(`${where}: "note" must be text`);
    return { cluster, date, note: note ?? '' };
  });
}

/** Mean weekly share before the fix day and from it on: did the fix move the cluster? */
export function fixEffect(history: readonly HistoryPoint[], fix: Fix): FixEffect {
  const before = history.filter((h) => h.date < fix.date);
  const after = history.filter((h) => h.date >= fix.date);
  const mean = (points: HistoryPoint[]): number | null =>
    points.length === 0 ? null : Math.round((points.reduce((s, h) => s + h.share, 0) / points.length) * 1e6) / 1e6;
  return {
    date: fix.date,
    note: fix.note,
    shareBefore: mean(before),
    shareAfter: mean(after),
    weeksBefore: before.length,
    weeksAfter: after.length,
  };
}
