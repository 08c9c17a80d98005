// date-fns: formatting, parsing, arithmetic, intervals, durations, locales (fixed dates, UTC
// where the time zone would show).
import { addBusinessDays, addMonths, differenceInCalendarDays, differenceInMinutes, eachDayOfInterval, eachWeekendOfMonth, endOfMonth, format, formatDistance, formatDistanceStrict, formatDuration, formatISO, formatRelative, intervalToDuration, isValid, isWithinInterval, lastDayOfQuarter, parse, parseISO, startOfWeek, subDays } from 'date-fns';
import { de, fr, ja } from 'date-fns/locale';
import { report } from './report.js';

const base = new Date(2024, 1, 28, 13, 45, 30);
const later = new Date(2024, 5, 3, 9, 5, 0);

report({
  format: () => [format(base, "yyyy-MM-dd'T'HH:mm:ss EEEE do 'of' MMMM, QQQ, w"), format(base, 'PPPPpppp'), format(base, 'PPP', { locale: de }), format(base, 'EEEE d MMMM', { locale: fr }), format(base, 'PPPP', { locale: ja }), formatISO(base, { representation: 'date' })],
  arithmetic: () => [format(addMonths(base, 1), 'yyyy-MM-dd'), format(addBusinessDays(base, 3), 'yyyy-MM-dd EEE'), format(subDays(base, 60), 'yyyy-MM-dd'), format(endOfMonth(base), 'yyyy-MM-dd'), format(lastDayOfQuarter(base), 'yyyy-MM-dd'), format(startOfWeek(base, { weekStartsOn: 1 }), 'yyyy-MM-dd'), differenceInCalendarDays(later, base), differenceInMinutes(later, base)],
  relative: () => [formatDistance(base, later), formatDistance(later, base, { addSuffix: true, locale: de }), formatDistanceStrict(base, later, { unit: 'hour' }), formatRelative(subDays(base, 2), base), formatDuration(intervalToDuration({ start: base, end: later })), formatDuration({ years: 1, days: 3 }, { locale: fr })],
  parse: () => [isValid(parseISO('2024-02-30')), format(parseISO('2024-02-29T10:00:00'), 'PPpp'), format(parse('31/12/2023 11:30 PM', 'dd/MM/yyyy hh:mm a', base), 'yyyy-MM-dd HH:mm'), isValid(parse('nope', 'yyyy', base))],
  intervals: () => [eachDayOfInterval({ start: base, end: addBusinessDays(base, 2) }).map((d) => format(d, 'MM-dd')), eachWeekendOfMonth(base).map((d) => d.getDate()), isWithinInterval(base, { start: subDays(base, 1), end: later })],
});
