// A few weeks of check-ins for every demo key result, generated from the data alone (no Math.random):
// each team checks in on its own weekday, from the start of the quarter up to yesterday, with values that
// trend from the start value to today's Current (the last check-in is the Current), a confidence that
// sinks while a result falls behind, and a short note in the sheet's language, written by the owner.
import type { CheckInRequest } from "../../shared/contract.js";
import { fnv1a64 } from "../../shared/contract.js";
import { dayNumber, expectedProgress, parseCycle } from "../../shared/cycle.js";
import type { Language, OkrRow } from "../../shared/model.js";
import { progress } from "../../shared/progress.js";
import type { DemoSheet } from "./sheets.js";
import { valueAt } from "./sheets.js";

/** Key results whose owners stopped checking in this many days ago (the dashboard flags them). */
export const STALE_KEY_RESULTS: Readonly<Record<string, number>> = { "KR-F12": 23 };

export interface DemoCheckIn {
  sheetId: string;
  krId: string;
  body: Required<Pick<CheckInRequest, "value" | "note" | "author" | "at">> & { confidence: number | null };
}

/** A number in [0, 1) from a string: the same string always gives the same number. */
export function unit(seed: string): number {
  const hex = fnv1a64(seed);
  // FNV's last bytes barely reach the high bits: fold both halves and mix (murmur3's finaliser).
  let h = (Number.parseInt(hex.slice(0, 8), 16) ^ Number.parseInt(hex.slice(8), 16)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 0x1_0000_0000;
}

type Trend = "first" | "up" | "flat" | "down";

const NOTES: Record<Language, Record<Trend, readonly string[]>> = {
  en: {
    first: ["Baseline for the quarter.", "Kick-off: plan agreed with the team."],
    up: [
      "Good week, moving in the right direction.",
      "Steady progress.",
      "Closed part of the gap.",
      "Ahead of last week.",
    ],
    flat: ["No change this week.", "Waiting on another team.", "Holiday week, little movement."],
    down: ["Slipped back this week.", "Blocked; needs attention.", "Lost ground, recovery plan next week."],
  },
  sv: {
    first: ["Utgångsläge för kvartalet.", "Uppstart: planen är förankrad i teamet."],
    up: [
      "Bra vecka, det går åt rätt håll.",
      "Stadiga framsteg.",
      "Vi knappade in en del.",
      "Bättre än förra veckan.",
    ],
    flat: ["Ingen förändring den här veckan.", "Väntar på ett annat team.", "Semestervecka, lite rörelse."],
    down: ["Backade den här veckan.", "Blockerat, behöver hjälp.", "Tappade mark, plan för att komma ikapp."],
  },
  nb: {
    first: ["Utgangspunkt for kvartalet.", "Oppstart: planen er forankret i teamet."],
    up: [
      "God uke, det går riktig vei.",
      "Jevn fremgang.",
      "Tok inn en del av etterslepet.",
      "Bedre enn forrige uke.",
    ],
    flat: ["Ingen endring denne uken.", "Venter på et annet team.", "Ferieuke, lite bevegelse."],
    down: ["Gikk tilbake denne uken.", "Blokkert, trenger hjelp.", "Tapte terreng, plan for å ta igjen."],
  },
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The days (day numbers) a key result was checked in on: weekly from the quarter's start to yesterday. */
function checkInDays(sheetId: string, row: OkrRow, today: number): number[] {
  const window = parseCycle(row.cycle);
  if (!window) return [today];
  const start = dayNumber(window.start);
  // Each team has its check-in weekday, Monday to Friday (day 0, 1970-01-01, was a Thursday).
  const weekday = Math.floor(unit(`weekday:${sheetId}`) * 5);
  const first = start + ((weekday - ((start + 3) % 7) + 7) % 7);
  // Up to yesterday, so every start on the same day seeds the same history.
  const last = today - (STALE_KEY_RESULTS[row.id] ?? 1);
  const days: number[] = [];
  for (let day = first; day <= last; day += 7) days.push(day);
  return days.length > 0 ? days : [today];
}

/**
 * The check-ins of one key result or KPI, oldest first; none while it has no Current value. (Finance checks
 * its KPIs in too: the KPI board draws their trend.)
 */
export function keyResultCheckIns(sheet: DemoSheet, row: OkrRow, now: Date): DemoCheckIn[] {
  if (row.type === "objective" || row.current === null) return [];
  const today = dayNumber(now.toISOString());
  const days = checkInDays(sheet.sheetId, row, today);
  const last = days.length - 1;
  const finalShare = progress(row) ?? 0;
  const window = parseCycle(row.cycle);
  const expected = window ? expectedProgress(window, now.toISOString().slice(0, 10)) : finalShare;
  const behind = expected - finalShare > 0.1;
  const bend = unit(`bend:${row.id}`) * 1.2 - 0.6;
  const doneFrom = last - Math.floor(unit(`done:${row.id}`) * 2);
  const baseConfidence = row.confidence ?? 0.6;
  const author = row.owner || "Demo";

  const checkIns: DemoCheckIn[] = [];
  let previousShare = 0;
  days.forEach((day, k) => {
    const t = last === 0 ? 1 : k / last;
    const wobble = k === last ? 0 : (unit(`wobble:${row.id}:${k}`) - 0.5) * 0.08;
    const share = clamp(finalShare * (t + bend * t * (1 - t)) + wobble * t, 0, 1);
    const value =
      k === last
        ? row.current!
        : row.krType === "binary"
          ? row.current !== 0 && k >= doneFrom
            ? 1
            : 0
          : (valueAt(row, share) ?? row.current!);
    const confidence =
      row.type === "kpi"
        ? null
        : k === last
          ? baseConfidence
          : round2(
              clamp(
                baseConfidence + (1 - t) * (behind ? 0.2 : -0.1) + (unit(`conf:${row.id}:${k}`) - 0.5) * 0.06,
                0.05,
                0.95,
              ),
            );
    const reached = progress({ ...row, current: value }) ?? 0;
    const trend: Trend =
      k === 0
        ? "first"
        : reached > previousShare + 0.01
          ? "up"
          : reached < previousShare - 0.01
            ? "down"
            : "flat";
    previousShare = reached;
    const phrases = NOTES[sheet.language][trend];
    const note = phrases[Math.floor(unit(`note:${row.id}:${k}`) * phrases.length)]!;
    const minutes = 7 * 60 + Math.floor(unit(`time:${row.id}:${k}`) * 9 * 60);
    const at = new Date(day * 86_400_000 + minutes * 60_000);
    checkIns.push({
      sheetId: sheet.sheetId,
      krId: row.id,
      body: {
        value,
        confidence,
        note,
        author,
        at: (at > now ? now : at).toISOString(),
      },
    });
  });
  return checkIns;
}

/** Every check-in of a demo sheet, grouped by key result in row order. */
export function demoCheckIns(sheet: DemoSheet, now: Date): DemoCheckIn[] {
  return sheet.rows.flatMap((row) => keyResultCheckIns(sheet, row, now));
}
