/**
 * Client-side CSV of exactly what a view shows. Rules (docs/decisions/0004-tab-dashboard.md):
 *  - aggregates only — the views never hold anything else, so the CSV cannot either;
 *  - a suppressed cell holds the suppression text ("Fewer than 5 responses"), never 0 and never an empty cell;
 *  - numbers are rounded as on screen but written with a dot decimal and no grouping, so every spreadsheet reads
 *    them as numbers whatever the viewer's locale; weeks are ISO week ids, dates ISO dates;
 *  - RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark (Excel otherwise mangles non-ASCII names);
 *  - text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export type CsvCell = string | number;
export type CsvTable = readonly (readonly CsvCell[])[];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: CsvCell): string {
  let text: string;
  if (typeof cell === 'number') {
    text = Number.isFinite(cell) ? String(cell) : '';
  } else {
    text = FORMULA_START.test(cell) && !/^[-+]?\d/.test(cell) ? `'${cell}` : cell;
  }
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CsvTable): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Rounds like the screen does (one decimal by default) and keeps the result a number. */
export function round(value: number, fractionDigits = 1): number {
  const f = 10 ** fractionDigits;
  return Math.round(value * f) / f;
}

/** "Platform Engineering", "hazards" → "human-debt-platform-engineering-hazards-2026-11-26.csv". */
export function csvFileName(teamName: string, view: string, today = new Date()): string {
  const slug = `${teamName}-${view}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents go, letters stay ("Équipe" → "equipe")
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `human-debt-${slug}-${today.toISOString().slice(0, 10)}.csv`;
}

/** Hands the CSV to the browser as a download (a Blob URL; nothing leaves the page). */
export function downloadCsv(fileName: string, rows: CsvTable): void {
  const blob = new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking synchronously cancels the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
