// "Today" in a time zone: the one day the sheet (TODAY() follows the spreadsheet's time zone), the server and the
// dashboard agree on. Intl is in Node and in Apps Script's V8; the add-on itself formats with Utilities.formatDate.

export const DEFAULT_TIME_ZONE = "UTC";

/** True for an IANA time zone name Intl knows (Europe/Stockholm, America/New_York, UTC, Etc/UTC). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name === "" || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

// Days already found, by instant and zone: a rollup asks for the day of each key result's last update, and the
// key results of one sync share its instant (formatToParts for each was 5 % of a cold view's CPU at 10,000 rows).
const days = new Map<string, string>();
const KEPT_DAYS = 10_000;

/** The calendar day (yyyy-mm-dd) of an instant in a time zone; an unknown zone falls back to UTC. */
export function isoDayIn(date: Date, timeZone: string | null | undefined): string {
  // A zone with a formatter is known good: checking it again (a throwaway Intl.DateTimeFormat) cost a cold
  // rollup most of its CPU, one check per key result's last update.
  const zone =
    typeof timeZone === "string" && (formatters.has(timeZone) || isTimeZone(timeZone))
      ? timeZone
      : DEFAULT_TIME_ZONE;
  const key = `${date.getTime()} ${zone}`;
  const known = days.get(key);
  if (known !== undefined) return known;
  const parts = formatter(zone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
  if (days.size >= KEPT_DAYS) days.clear();
  days.set(key, day);
  return day;
}
