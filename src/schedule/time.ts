/** Time zones and schedule start/end dates. Pure functions, no construct scope. */

let zones: ReadonlySet<string> | undefined;

/**
 * IANA time zone names this runtime knows (`Intl.supportedValuesOf("timeZone")`), plus `UTC`,
 * which the list leaves out because it is not a geographic zone but Scheduler accepts it.
 */
export function ianaTimeZones(): ReadonlySet<string> {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones;
}

/** True when Scheduler accepts `name` as a time zone: an IANA name this runtime knows, or `UTC`. */
export function isIanaTimeZone(name: string): boolean {
  return ianaTimeZones().has(name);
}

/** RFC 3339 date-time with seconds and an explicit offset, as Scheduler's StartDate/EndDate take it. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for a valid RFC 3339 date-time, else `undefined`. */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const calendarOk = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!calendarOk || hour > 23 || minute > 59 || second > 59) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * True when an `at(yyyy-mm-ddThh:mm:ss)` date-time (in the schedule's own time zone) has certainly
 * passed at `now`: it is read as UTC and given 14 hours, the largest offset any time zone has, so
 * a time that is still ahead somewhere is never refused.
 */
export function atIsInThePast(dateTime: string, now: number = Date.now()): boolean {
  const time = Date.parse(`${dateTime}Z`);
  return !Number.isNaN(time) && time + 14 * 3600 * 1000 < now;
}
