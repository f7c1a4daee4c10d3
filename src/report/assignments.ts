// The assignments CSV: one row per input row, to join back onto the export (id,cluster,confidence).
import type { ClusterRun } from '../types.js';

/**
 * RFC 4180 quoting (only when needed, quotes doubled), and no formula injection: a cell that Excel or
 * Sheets would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, as
 * OWASP advises. Plain numbers ("-5", "+7") stay as they are: a spreadsheet reads them as numbers.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * cluster is the cluster id ("C3"), "noise", or "skipped"; confidence is empty for skipped rows; line
 * is where the row starts in the export, so rows with the same id stay apart.
 * Tickets come in input order, then the skipped rows.
 */
export function renderAssignments(run: ClusterRun): string {
  const lines = ['id,cluster,confidence,line'];
  for (const t of run.tickets) {
    const confidence = t.cluster === null ? '0' : t.confidence.toFixed(3);
    lines.push(`${csvField(t.id)},${t.cluster ?? 'noise'},${confidence},${t.line ?? ''}`);
  }
  for (const s of run.skipped) lines.push(`${csvField(s.id)},skipped,,${s.line}`);
  return `${lines.join('\n')}\n`;
}
