import { describe, expect, it } from "vitest";
import { dueWeek, isoWeek, isTimeZone, localTime, validSchedule, weekAt } from "./week.js";

describe("the weekly clock", () => {
  it("numbers ISO weeks across year ends (2026 has 53)", () => {
    expect(isoWeek("2026-11-16")).toBe("2026-W47");
    expect(isoWeek("2026-12-31")).toBe("2026-W53");
    expect(isoWeek("2027-01-03")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2025-12-29")).toBe("2026-W01");
  });

  it("reads the wall clock of a time zone, summer and winter", () => {
    expect(localTime(new Date("2026-07-01T07:30:00Z"), "Europe/Stockholm")).toEqual({
      date: "2026-07-01",
      weekday: 3,
      hour: 9,
      minute: 30,
    });
    expect(localTime(new Date("2026-12-01T07:30:00Z"), "Europe/Stockholm")).toMatchObject({ hour: 8 });
    expect(localTime(new Date("2026-11-15T20:00:00Z"), "Pacific/Auckland")).toMatchObject({
      date: "2026-11-16",
      weekday: 1,
      hour: 9,
    });
  });

  it("is due from the organisation's day and hour for a day, in its own time zone", () => {
    const monday9 = { day: 1, hour: 9, timeZone: "Europe/Oslo" };
    expect(dueWeek(monday9, new Date("2026-11-16T07:59:00Z"))).toBeNull(); // 08:59 in Oslo
    expect(dueWeek(monday9, new Date("2026-11-16T08:00:00Z"))).toBe("2026-W47");
    expect(dueWeek(monday9, new Date("2026-11-17T07:59:00Z"))).toBe("2026-W47"); // catching up
    expect(dueWeek(monday9, new Date("2026-11-17T08:00:00Z"))).toBeNull(); // a day late: next week
    // Auckland's Monday 9:00 is Sunday 20:00 UTC
    expect(dueWeek({ day: 1, hour: 9, timeZone: "Pacific/Auckland" }, new Date("2026-11-15T20:30:00Z"))).toBe(
      "2026-W47",
    );
    // due late on Sunday: the catch-up window runs into Monday, still for last week
    const sunday22 = { day: 7, hour: 22, timeZone: "UTC" };
    expect(dueWeek(sunday22, new Date("2026-11-22T22:10:00Z"))).toBe("2026-W47");
    expect(dueWeek(sunday22, new Date("2026-11-23T05:00:00Z"))).toBe("2026-W47");
    expect(dueWeek(sunday22, new Date("2026-11-23T23:00:00Z"))).toBeNull();
  });

  it("says when the local week began (a check-in after it counts for this week), across a DST change", () => {
    expect(weekAt(new Date("2026-11-18T12:00:00Z"), "Europe/Stockholm")).toEqual({
      week: "2026-W47",
      monday: "2026-11-16",
      startedAt: "2026-11-15T23:00:00.000Z",
    });
    // the week of 2026-10-25 (clocks go back on that Sunday): Monday began at 22:00Z in summer time
    expect(weekAt(new Date("2026-10-22T12:00:00Z"), "Europe/Stockholm").startedAt).toBe(
      "2026-10-18T22:00:00.000Z",
    );
  });

  it("checks schedules", () => {
    expect(validSchedule({ day: 1, hour: 9, timeZone: "Europe/Stockholm" })).toBe(true);
    expect(validSchedule({ day: 8, hour: 9, timeZone: "Europe/Stockholm" })).toBe(false);
    expect(validSchedule({ day: 1, hour: 24, timeZone: "Europe/Stockholm" })).toBe(false);
    expect(validSchedule({ day: 1, hour: 9, timeZone: "Mars/Olympus" })).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
