// The weekly rhythm's clock: an organisation's day, hour and time zone, the ISO week a moment falls in there,
// and whether the weekly run is due. Pure: the time zone rules come from the runtime's Intl (ICU).
import { isTimeZone } from "./time-zone.js";

export { isTimeZone };

export interface WeeklySchedule {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  day: number;
  /** Local hour, 0–23. */
  hour: number;
  /** IANA time zone, e.g. Europe/Stockholm. */
  timeZone: string;
}

export const DEFAULT_SCHEDULE: WeeklySchedule = { day: 1, hour: 9, timeZone: "Europe/Stockholm" };

/** A run that missed its hour (the scheduler was down) still goes out within this many hours, not later. */
export const CATCH_UP_HOURS = 24;

export function validSchedule(schedule: WeeklySchedule): boolean {
  return (
    Number.isInteger(schedule.day) &&
    schedule.day >= 1 &&
    schedule.day <= 7 &&
    Number.isInteger(schedule.hour) &&
    schedule.hour >= 0 &&
    schedule.hour <= 23 &&
    isTimeZone(schedule.timeZone)
  );
}

export interface LocalTime {
  /** Local date, yyyy-mm-dd. */
  date: string;
  /** ISO weekday 1–7. */
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock in a time zone at a moment. */
export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? "Mon"] ?? 1,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

const DAY_MS = 86_400_000;

/** The ISO week of a calendar date, "2026-W47" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(day.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The local week a moment falls in: its ISO key, its Monday, and the moment that Monday began there. */
export function weekAt(at: Date, timeZone: string): { week: string; monday: string; startedAt: string } {
  const local = localTime(at, timeZone);
  const monday = addDays(local.date, 1 - local.weekday);
  // Local time elapsed since Monday 00:00 (a DST change within the week moves this by its hour).
  const elapsedMs = ((local.weekday - 1) * 24 * 60 + local.hour * 60 + local.minute) * 60_000;
  const startedAt = new Date(at.getTime() - elapsedMs - (at.getTime() % 60_000)).toISOString();
  return { week: isoWeek(monday), monday, startedAt };
}

/**
 * The week whose run is due at `now`: its scheduled day and hour have come (local time) and fewer than
 * CATCH_UP_HOURS have passed since. Null otherwise: an hourly scheduler calls this every hour, and the
 * send itself is idempotent per week, so a week is sent once whichever run gets there first.
 */
export function dueWeek(schedule: WeeklySchedule, now: Date, catchUpHours = CATCH_UP_HOURS): string | null {
  const local = localTime(now, schedule.timeZone);
  const minutes = (local.weekday - 1) * 1440 + local.hour * 60 + local.minute;
  const due = (schedule.day - 1) * 1440 + schedule.hour * 60;
  const window = catchUpHours * 60;
  if (minutes >= due && minutes - due < window) return weekAt(now, schedule.timeZone).week;
  // Due late on Sunday: the catch-up window runs into the next week, which still sends the last one.
  if (minutes + 7 * 1440 - due < window)
    return weekAt(new Date(now.getTime() - 7 * DAY_MS), schedule.timeZone).week;
  return null;
}
