// The add-on's own UI words in en/sv/nb. Words for a column, a type, a level or a status come from the vocabulary
// (shared/columns.ts), so the sheet, the dialogs, the Rollup and Check-ins sheets and the dashboard say the same.
import { headerLabel, TERMS, valueLabel } from "../shared/columns.js";
import type { Catalog } from "../shared/i18n.js";
import { translate } from "../shared/i18n.js";
import type { Language } from "../shared/model.js";
import { PROGRESS_BAR_LABELS } from "../shared/sheet-setup.js";

export type WordKey =
  | "menuSetUp"
  | "menuQuality"
  | "menuCheckIn"
  | "menuSync"
  | "menuRollup"
  | "menuSettings"
  | "menuHelp"
  | "sheetName"
  | "checkInsSheet"
  | "rollupSheet"
  | "progressBar"
  | "setUpDone"
  | "qualityTitle"
  | "checkInTitle"
  | "settingsTitle"
  | "helpTitle"
  | "helpText"
  | "notConnected"
  | "syncBusy"
  | "syncDone"
  | "syncFailed"
  | "syncRefused"
  | "rollupDone"
  | "noOkrSheet"
  | "unknownKr"
  | "badValue"
  | "checkInSaved"
  | "checkInHeaders"
  | "rollupHeaders"
  | "teamsHeading"
  | "unsupportedHeading"
  | "unalignedHeading"
  | "formulaWarning"
  | "syncConflicts"
  | "conflictsSheet"
  | "conflictHeaders"
  | "conflictChanged"
  | "conflictDeleted"
  | "conflictAbsent"
  | "badApiUrl"
  | "badCycle"
  | "badThresholds"
  | "badLanguage"
  | "checkInNotSent"
  | "checkInsResent"
  | "apiUrlNotAllowed"
  | "afterSyncFailed"
  | "stepConflicts"
  | "stepCheckIns"
  | "stepCatalog"
  | "autoSyncError"
  | "stepPeople"
  | "menuConversation"
  | "conversationTitle"
  | "noRowSelected"
  | "syncFirst"
  | "noAccount"
  | "commentPosted"
  | "commentsSheet"
  | "commentHeaders"
  | "reviewRequested"
  | "personSaved"
  | "menuTemplate"
  | "templateDone"
  | "templateTeam"
  | "okrLikeFound"
  | "needsTitle"
  | "needsMore"
  | "setUpCreated"
  | "setUpCycle"
  | "setUpLinked"
  | "setUpRewritten"
  | "setUpProblems"
  | "rollupNoCycle"
  | "checkInValue"
  | "badConfidence"
  | "checkInPercent"
  | "checkInNone"
  | "checkInLive"
  | "checkInFormulaKept"
  | "kpiTrend"
  | "kpiValues"
  | "kpiNoKind"
  | "menuNextCycle"
  | "menuCloseCycle"
  | "noCycles"
  | "noNextCycle"
  | "nothingChosen"
  | "nextCycleDone"
  | "nextCycleTabDone"
  | "tabIdClash"
  | "cycleClosed"
  | "closeFailed"
  | "closeNeedsSync"
  | "closedProtection";

const en: Record<WordKey, string> = {
  menuConversation: "Conversation and review",
  conversationTitle: "Conversation",
  noRowSelected: "Select the row of an objective or key result to see its conversation.",
  syncFirst: "This row is not on the server yet: run Sync now first.",
  noAccount: "Your Google account's e-mail is not available to the add-on; comments need it.",
  commentPosted: "Comment posted.",
  commentsSheet: "Comments",
  commentHeaders: "Time (UTC)|About|Who|Comment|Reply to",
  reviewRequested: "Review requested (round {round}).",
  personSaved: "{email} saved to the people list.",
  menuSetUp: "Set up sheet",
  menuQuality: "Check quality",
  menuCheckIn: "Check in",
  menuSync: "Sync now",
  menuRollup: "Pull rollup",
  menuSettings: "Settings",
  menuHelp: "Help",
  sheetName: "OKRs",
  checkInsSheet: "Check-ins",
  rollupSheet: "Rollup",
  progressBar: PROGRESS_BAR_LABELS.en,
  setUpDone: "Sheet set up: {rows} rows, {ids} new IDs.",
  qualityTitle: "OKR quality",
  checkInTitle: "Check in",
  settingsTitle: "OKR settings",
  helpTitle: "OKR Sheets",
  helpText:
    "One row per objective, key result or KPI. Set up sheet adds the columns, formulas and dropdowns; Check in records progress; Sync now sends the sheet to your organisation; Pull rollup shows everyone's objectives.",
  notConnected: "Not connected: add the API URL and key in Settings.",
  syncBusy: "Another sync of this spreadsheet is running; try again in a minute.",
  syncDone:
    "Synced revision {revision}: {written} written, {unchanged} unchanged, {deleted} deleted, {problems} problems.",
  syncFailed: "Sync failed after {attempts} attempts: {reason}. Nothing in the sheet was changed.",
  syncRefused: "Sync failed: {reason}. Nothing in the sheet was changed.",
  rollupDone: "Rollup of {cycle}: {objectives} objectives, {kpis} KPIs.",
  noOkrSheet: "No OKR sheet found: run Set up sheet first.",
  unknownKr: "'{id}' is not a key result or KPI in this sheet.",
  badValue: "'{value}' is not a number.",
  checkInSaved: "Check-in saved for {id}: {value}.",
  checkInHeaders: "Date|{keyResult}|Value|{confidence}|Note|Who|Sent|Time (UTC)",
  rollupHeaders:
    "{objective}|{id}|{team}|{level}|{owner}|{ownProgress}|{alignedProgress}|{expected}|{status}|{keyResults}",
  teamsHeading: "Teams",
  unsupportedHeading: "Company objectives nobody aligns to",
  unalignedHeading: "Objectives aligned to nothing",
  formulaWarning: "Computed by OKR Sheets: edits here are overwritten by Set up sheet.",
  syncConflicts:
    "{count} rows were changed elsewhere since this sheet's last sync ({ids}): this sheet's version was sent, the other side is recorded in the '{sheet}' sheet.",
  conflictsSheet: "Sync conflicts",
  conflictHeaders: "When|ID|What happened|Revision|Their title|Their current|Their row (JSON)",
  conflictChanged: "Changed elsewhere: this sheet's version was sent; theirs is on this line",
  conflictDeleted: "Deleted elsewhere: kept, since this sheet still has it",
  conflictAbsent:
    "Restored or added elsewhere but not in this sheet: deleted again (restorable on the server); theirs is on this line",
  badApiUrl: "API URL: '{value}' is not an https:// address (Apps Script fetches only https)",
  badCycle: "Cycle '{label}': start and end must be dates yyyy-mm-dd, end not before start",
  badThresholds: "Thresholds: need 0 ≤ at-risk gap ≤ off-track gap ≤ 1 (e.g. 0.1 and 0.25)",
  badLanguage: "Language: '{value}' is not one of {languages}",
  checkInNotSent:
    "Check-in saved in the sheet for {id}: {value}. Not sent to the server yet ({reason}); the next sync sends it.",
  checkInsResent: "{count} check-ins saved earlier were sent.",
  apiUrlNotAllowed:
    "API URL: '{value}' is not an API this add-on may call; it may call {allowed}. For another API, whoever deploys OKR Sheets builds it with OKR_API_URL (or OKR_URL_ALLOWLIST) set to that URL",
  afterSyncFailed: "The server has this sync, but {what} failed here: {reason}. The next sync tries again.",
  stepConflicts: "recording the conflicts",
  stepCheckIns: "sending earlier check-ins",
  stepCatalog: "refreshing the Aligns to list",
  stepPeople: "refreshing the people list",
  autoSyncError: "Automatic sync failed: {reason}",
  menuTemplate: "New OKR sheet from template",
  templateDone:
    "New sheet '{sheet}': an example objective with its key results and a leading KPI for {cycle}. Write your own over them, then Sync now.",
  templateTeam: "My team",
  okrLikeFound:
    "The tab '{tab}' looks like OKRs (row {row} has {found}), but it cannot be read yet. {needs} Nothing was changed.",
  needsTitle:
    "It needs a column for the titles: head it '{title}', or '{keyResult}' when each row is a key result. Then run Set up sheet again.",
  needsMore: "It needs at least three known headers, such as {examples}. Then run Set up sheet again.",
  setUpCreated:
    "{count} objectives created below the last row from the titles in the {column} column: {titles}.",
  setUpLinked: "{count} rows linked to the objective above them.",
  setUpCycle:
    "The sheet had no {column} column: {count} objectives are in {cycle}, the quarter running now (change it in the {column} column).",
  setUpRewritten:
    "{count} cells written the way the sheet's formulas read them (numbers typed as text, spaces, words).",
  setUpProblems: "{count} problems to fix: Check quality shows where.",
  rollupNoCycle:
    "No cycle to pull: write a Cycle in the sheet (such as 2026-Q4), or choose the rollup cycle in Settings.",
  checkInValue: "{value}",
  badConfidence: "'{value}' is not a confidence: enter 0 to 1, 0% to 100%, or 1 to 10.",
  checkInPercent: "{value} %",
  checkInNone: "No key results or KPIs with IDs: run Set up sheet.",
  checkInLive:
    "Current is your formula (live data): it stays as it is. This check-in records the value it shows, {value}, with your confidence and note in the history.",
  checkInFormulaKept: "Current is your formula: it was kept, and the check-in recorded the value it shows.",
  kpiTrend: "Trend",
  kpiValues: "{kind}: last values, oldest first",
  kpiNoKind: "(no KPI kind)",
  menuNextCycle: "Start next cycle",
  menuCloseCycle: "Close cycle",
  noCycles: "The sheet has no objectives with a {cycleColumn}: write one (such as 2026-Q3) first.",
  noNextCycle:
    "'{cycle}' is no cycle that has a next one: write it like 2026-Q3, 2026-H1, 2026 or 2026-07-01..2026-09-30.",
  nothingChosen: "Choose at least one objective of {cycle} to carry over.",
  nextCycleDone:
    "{count} objectives carried over from {cycle} to {next} with {keyResults} fresh key results, below the last row. The {cycle} rows stay as they were.",
  nextCycleTabDone:
    "{count} objectives carried over from {cycle} to {next} with {keyResults} fresh key results, in the new tab '{sheet}'. The tab '{old}' stays as it was, and both sync: its rows stay on the server, {cycle}'s, with their grades.",
  tabIdClash:
    "Not synced: the ID {id} is in two tabs, '{tab}' row {row} and '{other}' row {otherRow}. Each row needs its own ID across the OKR tabs (a copied tab has its rows' IDs): clear the ID in the copy and the add-on gives the row a new one. Nothing was sent.",
  cycleClosed:
    "{cycle} closed: {rows} rows frozen on the server, {grades} grades written in the {column} column. Later edits of these rows are not counted; the sheet warns before each one.",
  closeFailed: "Closing {cycle} failed: {reason}. Nothing in the sheet was changed.",
  closeNeedsSync: "Closing {cycle} sends the sheet first, and that failed: {reason}",
  closedProtection:
    "OKR Sheets: {cycle} closed on {date}. Edits here are not counted: its grades stay as closed.",
};

const sv: Record<WordKey, string> = {
  menuConversation: "Samtal och granskning",
  conversationTitle: "Samtal",
  noRowSelected: "Markera raden för ett mål eller nyckelresultat för att se samtalet om det.",
  syncFirst: "Raden finns inte på servern än: kör Synka nu först.",
  noAccount: "Tillägget får inte ditt Google-kontos e-postadress; kommentarer behöver den.",
  commentPosted: "Kommentaren skickades.",
  commentsSheet: "Kommentarer",
  commentHeaders: "Tid (UTC)|Om|Vem|Kommentar|Svar på",
  reviewRequested: "Granskning begärd (omgång {round}).",
  personSaved: "{email} sparad i personlistan.",
  menuSetUp: "Förbered bladet",
  menuQuality: "Granska kvalitet",
  menuCheckIn: "Checka in",
  menuSync: "Synka nu",
  menuRollup: "Hämta sammanställning",
  menuSettings: "Inställningar",
  menuHelp: "Hjälp",
  sheetName: "OKR",
  checkInsSheet: "Incheckningar",
  rollupSheet: "Sammanställning",
  progressBar: PROGRESS_BAR_LABELS.sv,
  setUpDone: "Bladet är förberett: {rows} rader, {ids} nya ID.",
  qualityTitle: "OKR-kvalitet",
  checkInTitle: "Checka in",
  settingsTitle: "OKR-inställningar",
  helpTitle: "OKR Sheets",
  helpText:
    "En rad per mål, nyckelresultat eller KPI. Förbered bladet lägger till kolumner, formler och listor; Checka in registrerar framsteg; Synka nu skickar bladet till organisationen; Hämta sammanställning visar allas mål.",
  notConnected: "Inte ansluten: ange API-adress och nyckel under Inställningar.",
  syncBusy: "En annan synkning av kalkylarket pågår; försök igen om en minut.",
  syncDone:
    "Synkade revision {revision}: {written} skrivna, {unchanged} oförändrade, {deleted} borttagna, {problems} problem.",
  syncFailed: "Synkningen misslyckades efter {attempts} försök: {reason}. Inget i bladet ändrades.",
  syncRefused: "Synkningen misslyckades: {reason}. Inget i bladet ändrades.",
  rollupDone: "Sammanställning för {cycle}: {objectives} mål, {kpis} KPI:er.",
  noOkrSheet: "Inget OKR-blad hittades: kör Förbered bladet först.",
  unknownKr: "'{id}' är inget nyckelresultat eller KPI i bladet.",
  badValue: "'{value}' är inte ett tal.",
  checkInSaved: "Incheckning sparad för {id}: {value}.",
  checkInHeaders: "Datum|{keyResult}|Värde|{confidence}|Anteckning|Vem|Skickad|Tid (UTC)",
  rollupHeaders:
    "{objective}|{id}|{team}|{level}|{owner}|{ownProgress}|{alignedProgress}|{expected}|{status}|{keyResults}",
  teamsHeading: "Team",
  unsupportedHeading: "Företagsmål som inget mål stöder",
  unalignedHeading: "Mål som inte stöder något",
  formulaWarning: "Beräknas av OKR Sheets: ändringar här skrivs över av Förbered bladet.",
  syncConflicts:
    "{count} rader har ändrats på annat håll sedan bladets senaste synkning ({ids}): bladets version skickades, den andra finns i bladet '{sheet}'.",
  conflictsSheet: "Synkkonflikter",
  conflictHeaders: "När|ID|Vad som hände|Revision|Deras titel|Deras nuvärde|Deras rad (JSON)",
  conflictChanged: "Ändrad på annat håll: bladets version skickades; deras står på den här raden",
  conflictDeleted: "Borttagen på annat håll: behålls, eftersom bladet fortfarande har den",
  conflictAbsent:
    "Återställd eller tillagd på annat håll men inte i bladet: borttagen igen (kan återställas på servern); deras står på den här raden",
  badApiUrl: "API-adress: '{value}' är inte en https://-adress (Apps Script hämtar bara via https)",
  badCycle: "Cykel '{label}': start och slut måste vara datum åååå-mm-dd, slutet inte före starten",
  badThresholds: "Marginaler: kräver 0 ≤ marginal för risk ≤ marginal för efter ≤ 1 (t.ex. 0,1 och 0,25)",
  badLanguage: "Språk: '{value}' är inte något av {languages}",
  checkInNotSent:
    "Incheckningen sparades i bladet för {id}: {value}. Inte skickad till servern än ({reason}); nästa synkning skickar den.",
  checkInsResent: "{count} tidigare sparade incheckningar skickades.",
  apiUrlNotAllowed:
    "API-adress: '{value}' är inte ett API som tillägget får anropa; det får anropa {allowed}. För ett annat API bygger den som driftsätter OKR Sheets tillägget med OKR_API_URL (eller OKR_URL_ALLOWLIST) satt till den adressen",
  afterSyncFailed:
    "Servern har synkningen, men {what} misslyckades här: {reason}. Nästa synkning försöker igen.",
  stepConflicts: "att spara konflikterna",
  stepCheckIns: "att skicka tidigare incheckningar",
  stepCatalog: "att uppdatera listan för Stödjer",
  stepPeople: "att uppdatera personlistan",
  autoSyncError: "Automatisk synkning misslyckades: {reason}",
  menuTemplate: "Nytt OKR-blad från mall",
  templateDone:
    "Nytt blad '{sheet}': ett exempelmål med sina nyckelresultat och en ledande KPI för {cycle}. Skriv era egna över dem och synka sedan.",
  templateTeam: "Mitt team",
  okrLikeFound:
    "Fliken '{tab}' ser ut som OKR (rad {row} har {found}), men kan inte läsas än. {needs} Inget ändrades.",
  needsTitle:
    "Den behöver en kolumn för titlarna: ge den rubriken '{title}', eller '{keyResult}' när varje rad är ett nyckelresultat. Kör sedan Förbered bladet igen.",
  needsMore: "Den behöver minst tre kända rubriker, till exempel {examples}. Kör sedan Förbered bladet igen.",
  setUpCreated: "{count} mål skapade under sista raden från titlarna i kolumnen {column}: {titles}.",
  setUpLinked: "{count} rader kopplade till målet ovanför dem.",
  setUpCycle:
    "Bladet saknade kolumnen {column}: {count} mål ligger i {cycle}, kvartalet som pågår nu (ändra i kolumnen {column}).",
  setUpRewritten:
    "{count} celler skrivna så som bladets formler läser dem (tal skrivna som text, mellanslag, ord).",
  setUpProblems: "{count} problem att rätta: Granska kvalitet visar var.",
  rollupNoCycle:
    "Ingen cykel att hämta: skriv en Cykel i bladet (till exempel 2026-Q4) eller välj cykel för sammanställningen under Inställningar.",
  checkInValue: "{value}",
  badConfidence: "'{value}' är ingen säkerhet: skriv 0 till 1, 0 % till 100 % eller 1 till 10.",
  checkInPercent: "{value} %",
  checkInNone: "Inga nyckelresultat eller KPI:er med ID: kör Förbered bladet.",
  checkInLive:
    "Nuvarande är din formel (levande data): den lämnas som den är. Incheckningen registrerar värdet den visar, {value}, med din säkerhet och anteckning i historiken.",
  checkInFormulaKept:
    "Nuvarande är din formel: den behölls, och incheckningen registrerade värdet den visar.",
  kpiTrend: "Trend",
  kpiValues: "{kind}: senaste värden, äldst först",
  kpiNoKind: "(ingen KPI-typ)",
  menuNextCycle: "Starta nästa cykel",
  menuCloseCycle: "Stäng cykel",
  noCycles: "Bladet har inga mål med {cycleColumn}: skriv en (till exempel 2026-Q3) först.",
  noNextCycle:
    "'{cycle}' är ingen cykel som har en nästa: skriv den som 2026-Q3, 2026-H1, 2026 eller 2026-07-01..2026-09-30.",
  nothingChosen: "Välj minst ett mål i {cycle} att föra över.",
  nextCycleDone:
    "{count} mål förda från {cycle} till {next} med {keyResults} nya nyckelresultat, under sista raden. Raderna för {cycle} står kvar som de var.",
  nextCycleTabDone:
    "{count} mål förda från {cycle} till {next} med {keyResults} nya nyckelresultat, i den nya fliken '{sheet}'. Fliken '{old}' står kvar som den var, och båda synkas: dess rader finns kvar på servern, för {cycle}, med sina betyg.",
  tabIdClash:
    "Inte synkat: ID:t {id} finns i två flikar, '{tab}' rad {row} och '{other}' rad {otherRow}. Varje rad behöver ett eget ID i alla OKR-flikar (en kopierad flik har radernas ID:n): töm ID:t i kopian så ger tillägget raden ett nytt. Inget skickades.",
  cycleClosed:
    "{cycle} stängd: {rows} rader frysta på servern, {grades} betyg skrivna i kolumnen {column}. Senare ändringar av raderna räknas inte; bladet varnar före varje ändring.",
  closeFailed: "Det gick inte att stänga {cycle}: {reason}. Inget i bladet ändrades.",
  closeNeedsSync: "Att stänga {cycle} skickar bladet först, och det misslyckades: {reason}",
  closedProtection:
    "OKR Sheets: {cycle} stängdes {date}. Ändringar här räknas inte: betygen står kvar som vid stängningen.",
};

const nb: Record<WordKey, string> = {
  menuConversation: "Samtale og gjennomgang",
  conversationTitle: "Samtale",
  noRowSelected: "Merk raden til et mål eller nøkkelresultat for å se samtalen om det.",
  syncFirst: "Raden finnes ikke på serveren ennå: kjør Synkroniser nå først.",
  noAccount: "Tillegget får ikke e-postadressen til Google-kontoen din; kommentarer trenger den.",
  commentPosted: "Kommentaren er sendt.",
  commentsSheet: "Kommentarer",
  commentHeaders: "Tid (UTC)|Om|Hvem|Kommentar|Svar på",
  reviewRequested: "Gjennomgang bedt om (runde {round}).",
  personSaved: "{email} lagret i personlisten.",
  menuSetUp: "Klargjør arket",
  menuQuality: "Sjekk kvalitet",
  menuCheckIn: "Sjekk inn",
  menuSync: "Synk nå",
  menuRollup: "Hent sammenstilling",
  menuSettings: "Innstillinger",
  menuHelp: "Hjelp",
  sheetName: "OKR",
  checkInsSheet: "Innsjekker",
  rollupSheet: "Sammenstilling",
  progressBar: PROGRESS_BAR_LABELS.nb,
  setUpDone: "Arket er klargjort: {rows} rader, {ids} nye ID-er.",
  qualityTitle: "OKR-kvalitet",
  checkInTitle: "Sjekk inn",
  settingsTitle: "OKR-innstillinger",
  helpTitle: "OKR Sheets",
  helpText:
    "Én rad per mål, nøkkelresultat eller KPI. Klargjør arket legger til kolonner, formler og lister; Sjekk inn registrerer fremdrift; Synk nå sender arket til organisasjonen; Hent sammenstilling viser alles mål.",
  notConnected: "Ikke tilkoblet: legg inn API-adresse og nøkkel under Innstillinger.",
  syncBusy: "En annen synkronisering av regnearket pågår; prøv igjen om et minutt.",
  syncDone:
    "Synkroniserte revisjon {revision}: {written} skrevet, {unchanged} uendret, {deleted} slettet, {problems} problemer.",
  syncFailed: "Synkroniseringen mislyktes etter {attempts} forsøk: {reason}. Ingenting i arket ble endret.",
  syncRefused: "Synkroniseringen mislyktes: {reason}. Ingenting i arket ble endret.",
  rollupDone: "Sammenstilling for {cycle}: {objectives} mål, {kpis} KPI-er.",
  noOkrSheet: "Fant ikke noe OKR-ark: kjør Klargjør arket først.",
  unknownKr: "'{id}' er ikke et nøkkelresultat eller en KPI i arket.",
  badValue: "'{value}' er ikke et tall.",
  checkInSaved: "Innsjekk lagret for {id}: {value}.",
  checkInHeaders: "Dato|{keyResult}|Verdi|{confidence}|Notat|Hvem|Sendt|Tid (UTC)",
  rollupHeaders:
    "{objective}|{id}|{team}|{level}|{owner}|{ownProgress}|{alignedProgress}|{expected}|{status}|{keyResults}",
  teamsHeading: "Team",
  unsupportedHeading: "Selskapsmål ingen mål støtter",
  unalignedHeading: "Mål som ikke støtter noe",
  formulaWarning: "Beregnes av OKR Sheets: endringer her overskrives av Klargjør arket.",
  syncConflicts:
    "{count} rader er endret et annet sted siden arkets forrige synkronisering ({ids}): arkets versjon ble sendt, den andre står i arket '{sheet}'.",
  conflictsSheet: "Synkkonflikter",
  conflictHeaders: "Når|ID|Hva skjedde|Revisjon|Deres tittel|Deres nåverdi|Deres rad (JSON)",
  conflictChanged: "Endret et annet sted: arkets versjon ble sendt; deres står på denne linjen",
  conflictDeleted: "Slettet et annet sted: beholdt, siden arket fortsatt har den",
  conflictAbsent:
    "Gjenopprettet eller lagt til et annet sted, men ikke i arket: slettet igjen (kan gjenopprettes på serveren); deres står på denne linjen",
  badApiUrl: "API-adresse: '{value}' er ikke en https://-adresse (Apps Script henter bare via https)",
  badCycle: "Syklus '{label}': start og slutt må være datoer åååå-mm-dd, slutten ikke før starten",
  badThresholds: "Marginer: krever 0 ≤ margin for risiko ≤ margin for bak ≤ 1 (f.eks. 0,1 og 0,25)",
  badLanguage: "Språk: '{value}' er ikke en av {languages}",
  checkInNotSent:
    "Innsjekken ble lagret i arket for {id}: {value}. Ikke sendt til serveren ennå ({reason}); neste synkronisering sender den.",
  checkInsResent: "{count} tidligere lagrede innsjekker ble sendt.",
  apiUrlNotAllowed:
    "API-adresse: '{value}' er ikke et API tillegget kan kalle; det kan kalle {allowed}. For et annet API bygger den som drifter OKR Sheets tillegget med OKR_API_URL (eller OKR_URL_ALLOWLIST) satt til den adressen",
  afterSyncFailed:
    "Serveren har synkroniseringen, men {what} mislyktes her: {reason}. Neste synkronisering prøver igjen.",
  stepConflicts: "å lagre konfliktene",
  stepCheckIns: "å sende tidligere innsjekker",
  stepCatalog: "å oppdatere listen for Støtter",
  stepPeople: "å oppdatere personlisten",
  autoSyncError: "Automatisk synkronisering mislyktes: {reason}",
  menuTemplate: "Nytt OKR-ark fra mal",
  templateDone:
    "Nytt ark '{sheet}': et eksempelmål med nøkkelresultatene sine og en ledende KPI for {cycle}. Skriv deres egne over dem, og synkroniser så.",
  templateTeam: "Mitt team",
  okrLikeFound:
    "Fanen '{tab}' ser ut som OKR (rad {row} har {found}), men kan ikke leses ennå. {needs} Ingenting ble endret.",
  needsTitle:
    "Den trenger en kolonne for titlene: gi den overskriften '{title}', eller '{keyResult}' når hver rad er et nøkkelresultat. Kjør så Klargjør arket igjen.",
  needsMore:
    "Den trenger minst tre kjente overskrifter, for eksempel {examples}. Kjør så Klargjør arket igjen.",
  setUpCreated: "{count} mål opprettet under siste rad fra titlene i kolonnen {column}: {titles}.",
  setUpLinked: "{count} rader koblet til målet over dem.",
  setUpCycle:
    "Arket hadde ingen {column}-kolonne: {count} mål ligger i {cycle}, kvartalet som pågår nå (endre det i kolonnen {column}).",
  setUpRewritten:
    "{count} celler skrevet slik arkets formler leser dem (tall skrevet som tekst, mellomrom, ord).",
  setUpProblems: "{count} problemer å rette: Sjekk kvalitet viser hvor.",
  rollupNoCycle:
    "Ingen syklus å hente: skriv en Syklus i arket (for eksempel 2026-Q4), eller velg syklus for sammenstillingen under Innstillinger.",
  checkInValue: "{value}",
  badConfidence: "'{value}' er ingen konfidens: skriv 0 til 1, 0 % til 100 % eller 1 til 10.",
  checkInPercent: "{value} %",
  checkInNone: "Ingen nøkkelresultater eller KPI-er med ID: kjør Klargjør arket.",
  checkInLive:
    "Nåverdien er formelen din (levende data): den blir stående. Innsjekken registrerer verdien den viser, {value}, med konfidensen og notatet ditt i historikken.",
  checkInFormulaKept:
    "Nåverdien er formelen din: den ble beholdt, og innsjekken registrerte verdien den viser.",
  kpiTrend: "Trend",
  kpiValues: "{kind}: siste verdier, eldste først",
  kpiNoKind: "(ingen KPI-type)",
  menuNextCycle: "Start neste syklus",
  menuCloseCycle: "Lukk syklus",
  noCycles: "Arket har ingen mål med {cycleColumn}: skriv en (for eksempel 2026-Q3) først.",
  noNextCycle:
    "'{cycle}' er ingen syklus som har en neste: skriv den som 2026-Q3, 2026-H1, 2026 eller 2026-07-01..2026-09-30.",
  nothingChosen: "Velg minst ett mål i {cycle} å føre over.",
  nextCycleDone:
    "{count} mål ført fra {cycle} til {next} med {keyResults} nye nøkkelresultater, under siste rad. Radene for {cycle} står som de var.",
  nextCycleTabDone:
    "{count} mål ført fra {cycle} til {next} med {keyResults} nye nøkkelresultater, i den nye fanen '{sheet}'. Fanen '{old}' står som den var, og begge synkroniseres: radene blir på serveren, for {cycle}, med karakterene.",
  tabIdClash:
    "Ikke synkronisert: ID-en {id} står i to faner, '{tab}' rad {row} og '{other}' rad {otherRow}. Hver rad trenger sin egen ID i alle OKR-fanene (en kopiert fane har radenes ID-er): tøm ID-en i kopien, så gir tillegget raden en ny. Ingenting ble sendt.",
  cycleClosed:
    "{cycle} lukket: {rows} rader frosset på serveren, {grades} karakterer skrevet i kolonnen {column}. Senere endringer av radene telles ikke; arket advarer før hver endring.",
  closeFailed: "Kunne ikke lukke {cycle}: {reason}. Ingenting i arket ble endret.",
  closeNeedsSync: "Å lukke {cycle} sender arket først, og det mislyktes: {reason}",
  closedProtection:
    "OKR Sheets: {cycle} ble lukket {date}. Endringer her telles ikke: karakterene står som ved lukkingen.",
};

const WORDS: Catalog<WordKey> = { en, sv, nb };

/** The vocabulary's words, for the headers that name columns and types. */
function vocabulary(language: Language): Record<string, string> {
  return {
    objective: valueLabel("type", "objective", language),
    keyResult: valueLabel("type", "key_result", language),
    keyResults: TERMS[language].keyResults,
    ownProgress: TERMS[language].ownProgress,
    alignedProgress: TERMS[language].alignedProgress,
    id: headerLabel("id", language),
    team: headerLabel("team", language),
    level: headerLabel("level", language),
    owner: headerLabel("owner", language),
    expected: headerLabel("expected", language),
    status: headerLabel("status", language),
    confidence: headerLabel("confidence", language),
    cycleColumn: headerLabel("cycle", language),
  };
}

export function word(language: Language, key: WordKey, params: Record<string, string | number> = {}): string {
  return translate(WORDS, language, key, { ...vocabulary(language), ...params });
}

// Status words and colours live with the rest of what Set up writes (shared/sheet-setup.ts).
export { STATUS_COLORS, STATUS_LABELS } from "../shared/sheet-setup.js";
