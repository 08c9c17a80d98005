// luxon: DateTime in fixed zones (IANA zones through Intl), durations, intervals, formatting
// with locales, parsing, calendar math.
import { DateTime, Duration, Info, Interval, Settings } from 'luxon';
import { report } from './report.js';

Settings.defaultZone = 'utc';
Settings.defaultLocale = 'en-US';
Settings.throwOnInvalid = false;

const a = DateTime.fromISO('2024-03-09T23:30:00', { zone: 'America/New_York' });
const b = DateTime.fromObject({ year: 2024, month: 11, day: 3, hour: 1, minute: 30 }, { zone: 'America/New_York' });

report({
  datetimes: () => [a.toISO(), a.plus({ hours: 3 }).toISO(), a.setZone('Asia/Kolkata').toISO(), a.toUTC().toISO(), b.offset, b.isInDST, a.weekNumber, a.ordinal, a.endOf('quarter').toISODate(), a.set({ day: 31 }).toISODate()],
  formats: () => [a.toFormat("cccc, dd LLLL yyyy 'at' hh:mm a ZZZZ"), a.setLocale('fr').toLocaleString(DateTime.DATETIME_FULL), a.toLocaleString(DateTime.DATE_MED), a.toRFC2822(), a.toHTTP(), a.toRelative({ base: b }), a.setLocale('de').toRelativeCalendar({ base: a.plus({ days: 1 }) })],
  durations: () => [Duration.fromObject({ hours: 50, minutes: 75 }).normalize().toObject(), Duration.fromISO('P1Y2M3DT4H').shiftTo('days', 'hours').toObject(), Duration.fromMillis(123456789).toFormat('d:hh:mm:ss.SSS'), b.diff(a, ['months', 'days', 'hours']).toObject(), Duration.fromObject({ days: 1, hours: 2 }).toHuman()],
  intervals() {
    const i = Interval.fromDateTimes(a, b);
    return [i.length('days'), i.splitBy({ months: 2 }).map((x) => x.start.toISODate()), i.contains(a.plus({ days: 10 })), i.toISO(), Interval.merge([i, Interval.after(b, { days: 2 })]).length];
  },
  parsing: () => [DateTime.fromFormat('12/31/2023 11:59 PM', 'MM/dd/yyyy hh:mm a').toISO(), DateTime.fromRFC2822('Tue, 01 Nov 2016 13:23:12 +0630').toISO(), DateTime.fromISO('2024-02-30').isValid, DateTime.fromISO('2024-02-30').invalidReason, DateTime.fromSQL('2017-05-15 09:24:15').toMillis()],
  info: () => [Info.months('short'), Info.weekdays('long', { locale: 'es' }), Info.features()],
});
