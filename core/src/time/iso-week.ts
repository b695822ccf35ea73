/** ISO-8601 week ids ("2026-W48"), computed in UTC so they do not depend on the machine's time zone. */

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function isWeekId(value: string): boolean {
  const m = WEEK_ID.exec(value);
  if (!m) return false;
  const w = Number(m[2]);
  return w >= 1 && w <= weeksInYear(Number(m[1]));
}

/** Monday 00:00 UTC of an ISO week. */
export function weekStart(weekId: string): Date {
  const m = WEEK_ID.exec(weekId);
  if (!m) throw new RangeError(`Not an ISO week id: ${weekId}`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Day = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() - (jan4Day - 1) * 86_400_000);
  return new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
}

export function addWeeks(weekId: string, n: number): string {
  return isoWeekOf(new Date(weekStart(weekId).getTime() + n * 7 * 86_400_000));
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when Dec 28 falls in week 53.
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))) === `${year}-W53` ? 53 : 52;
}
