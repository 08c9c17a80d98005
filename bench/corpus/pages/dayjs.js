// dayjs (its ES module build) with plugins: UTC, relative time, durations, custom parse, week
// of year, and locales; fixed dates only.
import dayjs from 'dayjs/esm/index.js';
import de from 'dayjs/esm/locale/de.js';
import advancedFormat from 'dayjs/esm/plugin/advancedFormat/index.js';
import customParseFormat from 'dayjs/esm/plugin/customParseFormat/index.js';
import duration from 'dayjs/esm/plugin/duration/index.js';
import isBetween from 'dayjs/esm/plugin/isBetween/index.js';
import relativeTime from 'dayjs/esm/plugin/relativeTime/index.js';
import utc from 'dayjs/esm/plugin/utc/index.js';
import weekOfYear from 'dayjs/esm/plugin/weekOfYear/index.js';
import { report } from './report.js';

for (const plugin of [utc, relativeTime, duration, customParseFormat, advancedFormat, weekOfYear, isBetween]) dayjs.extend(plugin);

const a = dayjs.utc('2024-02-28T13:45:30Z');
const b = dayjs.utc('2024-06-03T09:05:00Z');

report({
  format: () => [a.format(), a.format('YYYY-MM-DD HH:mm:ss dddd MMMM Do Q [week] w X'), a.locale(de).format('dddd, D. MMMM YYYY'), a.add(1, 'month').endOf('month').format('YYYY-MM-DD'), a.startOf('week').format('ddd YYYY-MM-DD')],
  math: () => [b.diff(a, 'day'), b.diff(a, 'month', true).toFixed(4), a.isBefore(b), a.isBetween(a.subtract(1, 'd'), b, 'day', '[)'), a.set('hour', 25).toISOString(), a.daysInMonth(), a.week()],
  relative: () => [a.from(b), b.to(a, true), a.locale('de').from(b), dayjs.duration(b.diff(a)).humanize(), dayjs.duration({ hours: 26, minutes: 3 }).format('D[d] HH:mm'), dayjs.duration(90, 'minutes').asHours()],
  parse: () => [dayjs.utc('31/12/2023 23:30', 'DD/MM/YYYY HH:mm').toISOString(), dayjs('2024-13-45', 'YYYY-MM-DD', true).isValid(), dayjs.utc('2024-02-29').isValid(), dayjs.unix(1700000000).utc().format()],
});
