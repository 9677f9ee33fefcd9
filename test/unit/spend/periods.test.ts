import { dayOf, lastDays, monthOf, nextDayStart, nextMonthStart } from '../../../server/src/spend/periods';

const at = (iso: string) => new Date(iso);

describe('the budget’s periods are UTC days and UTC calendar months', () => {
  test('a day and a month are named by their UTC date, whatever the local time zone', () => {
    // 23:30 in New York on 14 January is already 15 January in UTC.
    expect(dayOf(at('2030-01-14T23:30:00-05:00'))).toBe('2030-01-15');
    expect(monthOf(at('2030-01-31T23:59:59.999Z'))).toBe('2030-01');
    expect(monthOf(at('2030-02-01T00:00:00Z'))).toBe('2030-02');
  });

  test('the next day starts at the next UTC midnight, across month and year ends', () => {
    expect(nextDayStart(at('2030-01-15T12:34:56Z')).toISOString()).toBe('2030-01-16T00:00:00.000Z');
    expect(nextDayStart(at('2030-01-31T23:59:59Z')).toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(nextDayStart(at('2030-12-31T08:00:00Z')).toISOString()).toBe('2031-01-01T00:00:00.000Z');
    // At midnight itself, the day has just begun: the next one is a whole day away.
    expect(nextDayStart(at('2030-03-10T00:00:00Z')).toISOString()).toBe('2030-03-11T00:00:00.000Z');
  });

  test('a leap day is a day of its own', () => {
    expect(nextDayStart(at('2028-02-28T10:00:00Z')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(nextDayStart(at('2028-02-29T10:00:00Z')).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  test('the next month starts on its first day at UTC midnight, December into January', () => {
    expect(nextMonthStart(at('2030-01-31T23:00:00Z')).toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(nextMonthStart(at('2030-01-01T00:00:00Z')).toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(nextMonthStart(at('2030-12-15T00:00:00Z')).toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  test('the last N days end today, oldest first, and cross a month end without a gap', () => {
    expect(lastDays(at('2030-03-02T05:00:00Z'), 4)).toEqual(['2030-02-27', '2030-02-28', '2030-03-01', '2030-03-02']);
    expect(lastDays(at('2030-03-02T05:00:00Z'), 1)).toEqual(['2030-03-02']);
    expect(lastDays(at('2030-03-02T05:00:00Z'), 90)).toHaveLength(90);
  });
});
