// The words of the weekly messages (reminders, the digest, team chat posts, invites) in en/sv/nb.
import { type Catalog, translate } from "../../shared/i18n.js";
import type { Language } from "../../shared/model.js";

type Key =
  | "reminderSubject"
  | "reminderHello"
  | "reminderIntro"
  | "reminderQuiet"
  | "reminderNotThisWeek"
  | "lastUpdate"
  | "never"
  | "openSheet"
  | "openDashboard"
  | "currentOfTarget"
  | "kpi"
  | "digestSubject"
  | "digestIntro"
  | "newOffTrack"
  | "newOffTrackFirst"
  | "recovered"
  | "quiet"
  | "unsupported"
  | "duplicates"
  | "changes"
  | "changesSinceDigest"
  | "changesNone"
  | "targetMoved"
  | "targetMovedToward"
  | "startMoved"
  | "added"
  | "removed"
  | "comments"
  | "nothing"
  | "unsubscribeReminder"
  | "unsubscribeDigest"
  | "webhookTitle"
  | "webhookDue"
  | "webhookOffTrack"
  | "webhookNothing"
  | "inviteSubject"
  | "inviteText";

const en: Record<Key, string> = {
  reminderSubject: "Check-in for week {week}: {count} to update",
  reminderHello: "Hello {name},",
  reminderIntro: "these key results and KPIs of yours have no check-in this week:",
  reminderQuiet: "no update for {days} days or more",
  reminderNotThisWeek: "no check-in this week",
  lastUpdate: "last update {date}",
  never: "never updated",
  openSheet: "Open the sheet",
  openDashboard: "Open the dashboard",
  currentOfTarget: "{current} of {target}",
  kpi: "KPI",
  digestSubject: "OKR digest, week {week}: {offTrack} newly off track, {quiet} quiet",
  digestIntro: "What leaders should look at this week ({cycles}).",
  newOffTrack: "Newly off track",
  newOffTrackFirst: "Off track (the first digest: nothing to compare with yet)",
  recovered: "Back on track",
  quiet: "Quiet: no update for {days} days",
  unsupported: "Company objectives nobody supports",
  duplicates: "Possibly the same work in two teams",
  changes: "What changed",
  changesSinceDigest:
    "Targets and key results changed since the last digest ({date}), as far as the digest's own records tell (who and when within the week comes with the row history).",
  changesNone: "Nothing to compare with yet: the next digest shows what changed since this one.",
  targetMoved: "{id} {title}: target {from} → {to}",
  targetMovedToward: "{id} {title}: target {from} → {to} (moved toward the current value)",
  startMoved: "{id} {title}: start {from} → {to}",
  added: "{id} {title}: new",
  removed: "{id} {title}: removed",
  comments: "Conversations this week",
  nothing: "Nothing.",
  unsubscribeReminder: "Stop these reminders",
  unsubscribeDigest: "Stop this digest",
  webhookTitle: "OKR week {week} · {team}",
  webhookDue: "{count} key results and KPIs need a check-in: {items}",
  webhookOffTrack: "Off track: {items}",
  webhookNothing: "Everything is checked in. Nice.",
  inviteSubject: "Your sign-in link to {org} on OKR Sheets",
  inviteText:
    "Hello {name},\n\nopen this link to sign in to {org} as yourself (it works once, for 7 days):\n{link}\n",
};

const sv: Record<Key, string> = {
  reminderSubject: "Incheckning vecka {week}: {count} att uppdatera",
  reminderHello: "Hej {name},",
  reminderIntro: "de här nyckelresultaten och KPI:erna som du äger har ingen incheckning den här veckan:",
  reminderQuiet: "ingen uppdatering på {days} dagar eller mer",
  reminderNotThisWeek: "ingen incheckning den här veckan",
  lastUpdate: "senast uppdaterad {date}",
  never: "aldrig uppdaterad",
  openSheet: "Öppna arket",
  openDashboard: "Öppna översikten",
  currentOfTarget: "{current} av {target}",
  kpi: "KPI",
  digestSubject: "OKR-sammanfattning vecka {week}: {offTrack} nya efter plan, {quiet} tysta",
  digestIntro: "Det ledare bör titta på den här veckan ({cycles}).",
  newOffTrack: "Nya som ligger efter",
  newOffTrackFirst: "Ligger efter (första sammanfattningen: inget att jämföra med än)",
  recovered: "Tillbaka enligt plan",
  quiet: "Tysta: ingen uppdatering på {days} dagar",
  unsupported: "Företagsmål som ingen stöder",
  duplicates: "Kanske samma arbete i två team",
  changes: "Vad som ändrats",
  changesSinceDigest:
    "Målvärden och nyckelresultat som ändrats sedan förra sammanfattningen ({date}), så långt sammanfattningens egna uppgifter räcker (vem och när i veckan kommer med radhistoriken).",
  changesNone: "Inget att jämföra med än: nästa sammanfattning visar vad som ändrats sedan den här.",
  targetMoved: "{id} {title}: målvärde {from} → {to}",
  targetMovedToward: "{id} {title}: målvärde {from} → {to} (flyttat mot nuvarande värde)",
  startMoved: "{id} {title}: startvärde {from} → {to}",
  added: "{id} {title}: nytt",
  removed: "{id} {title}: borttaget",
  comments: "Samtal den här veckan",
  nothing: "Inget.",
  unsubscribeReminder: "Sluta skicka påminnelserna",
  unsubscribeDigest: "Sluta skicka sammanfattningen",
  webhookTitle: "OKR vecka {week} · {team}",
  webhookDue: "{count} nyckelresultat och KPI:er behöver en incheckning: {items}",
  webhookOffTrack: "Ligger efter: {items}",
  webhookNothing: "Allt är incheckat. Bra jobbat.",
  inviteSubject: "Din inloggningslänk till {org} i OKR Sheets",
  inviteText:
    "Hej {name},\n\nöppna den här länken för att logga in i {org} som dig själv (den fungerar en gång, i 7 dagar):\n{link}\n",
};

const nb: Record<Key, string> = {
  reminderSubject: "Innsjekk uke {week}: {count} å oppdatere",
  reminderHello: "Hei {name},",
  reminderIntro: "disse nøkkelresultatene og KPI-ene du eier, har ingen innsjekk denne uken:",
  reminderQuiet: "ingen oppdatering på {days} dager eller mer",
  reminderNotThisWeek: "ingen innsjekk denne uken",
  lastUpdate: "sist oppdatert {date}",
  never: "aldri oppdatert",
  openSheet: "Åpne arket",
  openDashboard: "Åpne oversikten",
  currentOfTarget: "{current} av {target}",
  kpi: "KPI",
  digestSubject: "OKR-oppsummering uke {week}: {offTrack} nye bak plan, {quiet} stille",
  digestIntro: "Det ledere bør se på denne uken ({cycles}).",
  newOffTrack: "Nye bak plan",
  newOffTrackFirst: "Bak plan (første oppsummering: ingenting å sammenligne med ennå)",
  recovered: "Tilbake i rute",
  quiet: "Stille: ingen oppdatering på {days} dager",
  unsupported: "Selskapsmål som ingen støtter",
  duplicates: "Kanskje samme arbeid i to team",
  changes: "Hva som er endret",
  changesSinceDigest:
    "Målverdier og nøkkelresultater endret siden forrige oppsummering ({date}), så langt oppsummeringens egne opplysninger rekker (hvem og når i uken kommer med radhistorikken).",
  changesNone: "Ingenting å sammenligne med ennå: neste oppsummering viser hva som er endret siden denne.",
  targetMoved: "{id} {title}: målverdi {from} → {to}",
  targetMovedToward: "{id} {title}: målverdi {from} → {to} (flyttet mot nåverdien)",
  startMoved: "{id} {title}: startverdi {from} → {to}",
  added: "{id} {title}: nytt",
  removed: "{id} {title}: fjernet",
  comments: "Samtaler denne uken",
  nothing: "Ingenting.",
  unsubscribeReminder: "Slutt å sende påminnelsene",
  unsubscribeDigest: "Slutt å sende oppsummeringen",
  webhookTitle: "OKR uke {week} · {team}",
  webhookDue: "{count} nøkkelresultater og KPI-er trenger en innsjekk: {items}",
  webhookOffTrack: "Bak plan: {items}",
  webhookNothing: "Alt er sjekket inn. Bra.",
  inviteSubject: "Innloggingslenken din til {org} i OKR Sheets",
  inviteText:
    "Hei {name},\n\nåpne denne lenken for å logge inn i {org} som deg selv (den virker én gang, i 7 dager):\n{link}\n",
};

const CATALOG: Catalog<Key> = { en, sv, nb };

export type MessageWords = (key: Key, params?: Record<string, string | number>) => string;

export function messageWords(language: Language): MessageWords {
  return (key, params) => translate(CATALOG, language, key, params);
}
