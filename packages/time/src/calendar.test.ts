import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absDate,
  absoluteYears,
  absWeekday,
  dateToAbsDays,
  dDay,
  dMonth,
  dYday,
  dYear,
  isLeap,
} from './calendar';

/** The date of the absolute day ad by the division-based algorithm absDate used before (Hinnant's). */
function slowDate(ad: number): number[] {
  const era = Math.floor(ad / 146097);
  const doe = ad - era * 146097; // day of the 400-year era, from March 1
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // from March 1
  const mp = Math.floor((5 * doy + 2) / 153); // March = 0
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const year = era * 400 + yoe - absoluteYears;
  if (mp < 10) return [year, mp + 3, day, doy + 60 + (isLeap(year) ? 1 : 0)];
  return [year + 1, mp - 9, day, doy - 305];
}

describe('absDate (Neri-Schneider, as Go 1.23+) and absWeekday', () => {
  /** The first day where the two disagree, as [day, new, old]; null when none. */
  let bad: [number, number[], number[]] | null = null;
  const check = (ad: number) => {
    absDate(ad);
    const want = slowDate(ad);
    const got = [dYear, dMonth, dDay, dYday, absWeekday(ad)];
    want.push((ad + 3) % 7);
    if (bad === null && got.some((v, i) => v !== want[i])) bad = [ad, got, want];
  };
  it('matches the division-based algorithm for every day of years -2 to 2402 and around the ends of Go’s range', () => {
    for (let ad = dateToAbsDays(-2, 1, 1); ad < dateToAbsDays(2402, 1, 1); ad++) check(ad);
    for (let ad = 0; ad < 1000; ad++) check(ad);
    const last = dateToAbsDays(292277026596, 12, 31);
    for (let ad = last - 1000; ad <= last + 1000; ad++) check(ad);
    expect(bad).toBeNull();
  });
  it('matches it and dateToAbsDays on random days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), (ad) => {
        check(ad);
        expect(bad).toBeNull();
        expect(dateToAbsDays(dYear, dMonth, dDay)).toBe(ad);
      }),
      { numRuns: 20000 },
    );
  });
});
