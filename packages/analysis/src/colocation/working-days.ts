/**
 * Working-day arithmetic for answer deadlines: Monday to Friday count, Saturdays and Sundays do
 * not; public holidays are NOT deducted (a deliberate simplification: Vietnam's lunar holidays
 * move every year). Dates are calendar dates `YYYY-MM-DD` (no time zone).
 */

const parse = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${date}`);
  return d;
};
const format = (d: Date) => d.toISOString().slice(0, 10);
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** The date `days` working days after `date` (a request filed on a Friday with 1 day is due Monday). */
export function addWorkingDays(date: string, days: number): string {
  const d = parse(date);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend(d)) left--;
  }
  return format(d);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  const d = parse(from);
  const end = parse(to);
  let count = 0;
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (!isWeekend(d)) count++;
  }
  return count;
}

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vietnamDate(instant: Date): string {
  return format(new Date(instant.getTime() + 7 * 3600_000));
}
