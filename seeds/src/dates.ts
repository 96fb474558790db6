/** Calendar dates without a clock: ISO `YYYY-MM-DD` from a year range and a random draw. */
import type { Rng } from './random.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A uniformly drawn date between 1 January `fromYear` and 31 December `toYear`. */
export function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  return isoDate(year, month, rng.int(1, daysInMonth(year, month)));
}

/** `date` plus `days` days (days ≥ 0). */
export function addDays(date: string, days: number): string {
  let [year, month, day] = date.split('-').map(Number) as [number, number, number];
  day += days;
  while (day > daysInMonth(year, month)) {
    day -= daysInMonth(year, month);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return isoDate(year, month, day);
}
