// The assignments CSV: one row per input row, to join back onto the export (id,cluster,confidence).
import type { ClusterRun } from '../types.js';

/** RFC 4180 quoting: only when needed, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * cluster is the cluster id ("C3"), "noise", or "skipped"; confidence is empty for skipped rows.
 * Tickets come in input order, then the skipped rows.
 */
export function renderAssignments(run: ClusterRun): string {
  const lines = ['id,cluster,confidence'];
  for (const t of run.tickets) {
    lines.push(`${csvField(t.id)},${t.cluster ?? 'noise'},${t.cluster === null ? '0' : t.confidence.toFixed(3)}`);
  }
  for (const s of run.skipped) lines.push(`${csvField(s.id)},skipped,`);
  return `${lines.join('\n')}\n`;
}
