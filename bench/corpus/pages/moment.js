// moment (CommonJS/UMD): parsing with formats, UTC formatting of fixed dates, arithmetic,
// start/end of units, diffs, durations, validity, a locale loaded by path (its UMD wrapper
// requires '../moment', the same module as the main entry), relative times between two dates.
import moment from 'moment';
import 'moment/locale/fr';
import 'moment/locale/de';
import { report } from './report.js';

const FIXED = Date.UTC(2024, 1, 29, 13, 45, 30, 123); // a leap day, a Thursday
moment.locale('en'); // defining a locale also makes it the global one

report({
  format: () => [
    moment.utc(FIXED).format(),
    moment.utc(FIXED).format('dddd, MMMM Do YYYY, h:mm:ss a'),
    moment.utc(FIXED).format('YYYY-[W]WW-E DDDD Q X x'),
    moment.utc(FIXED).toISOString(),
    moment.utc(FIXED).utcOffset(330).format('LLLL Z'),
    moment.utc(0).format('L LT'),
  ],
  parse: () => [
    moment.utc('2023-07-04 08:09', 'YYYY-MM-DD HH:mm').valueOf(),
    moment.utc('04/07/2023', 'DD/MM/YYYY', true).format('YYYY-MM-DD'),
    moment.utc('31/02/2023', 'DD/MM/YYYY', true).isValid(),
    moment.utc('2023-02-31').invalidAt(),
    moment.utc('not a date', 'YYYY-MM-DD', true).isValid(),
    moment.parseZone('2013-01-01T00:00:00-05:00').utcOffset(),
    moment.parseZone('2013-03-01T10:00:00+05:30').format(),
  ],
  arithmetic() {
    const m = moment.utc(FIXED);
    return [
      m.clone().add(1, 'year').format('YYYY-MM-DD'),
      m.clone().subtract(1, 'month').add(3, 'days').format('YYYY-MM-DD'),
      m.clone().startOf('isoWeek').format(),
      m.clone().endOf('month').format(),
      m.diff(moment.utc('2000-01-01'), 'days'),
      m.diff(moment.utc('2000-01-01'), 'years', true).toFixed(4),
      m.isBefore(m.clone().add(1, 'ms')),
      m.isBetween('2024-01-01', '2024-12-31', 'day', '[]'),
      moment.max(moment.utc(1), moment.utc(5)).valueOf(),
    ];
  },
  durations: () => [
    moment.duration(90061001).humanize(),
    moment.duration({ hours: 36, minutes: 5 }).asMinutes(),
    moment.duration('P1Y2M3DT4H5M6S').toISOString(),
    moment.duration(2, 'weeks').locale('de').humanize(true),
  ],
  locales() {
    const m = moment.utc(FIXED);
    return [
      m.clone().locale('fr').format('LLLL'),
      m.clone().locale('de').format('dddd, D. MMMM YYYY'),
      m.clone().locale('fr').from(m.clone().add(3, 'days')),
      m.clone().locale('en').to(m.clone().subtract(2, 'hours')),
      moment.locales().sort(),
      moment.locale(),
    ];
  },
  version: () => [moment.version, moment.isMoment(moment()), moment.isDate(new Date(0))],
});
