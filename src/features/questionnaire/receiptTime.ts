/**
 * A moment on the receipt as a date and a clock time in Norwegian time
 * (Europe/Oslo), whatever zone the device is set to: the survey owner's
 * exports use the same clock, so a time the respondent quotes matches the
 * owner's. The language's formatting (nb, or nn with nb as fallback) comes in
 * as `locales`.
 */
const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

export function osloDateAndTime(
  ms: number,
  locales: readonly string[],
): { readonly date: string; readonly time: string } {
  const key = locales.join(',');
  let format = formats.get(key);
  if (!format) {
    format = {
      date: new Intl.DateTimeFormat([...locales], { dateStyle: 'long', timeZone: 'Europe/Oslo' }),
      time: new Intl.DateTimeFormat([...locales], {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/Oslo',
      }),
    };
    formats.set(key, format);
  }
  return { date: format.date.format(ms), time: format.time.format(ms) };
}
