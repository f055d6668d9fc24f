// What the import says, in the three languages: why a file cannot be read (and what to do), the
// problems only an import has (IDs it gave, rows it could not take), and the lines of its report.
import { type Catalog, translate } from "../../shared/i18n.js";
import type { Language } from "../../shared/model.js";
import type { FileError } from "./read.js";

const en = {
  too_large:
    "{file}: the file is {size}, more than the {limit} an import takes. Import the OKR tabs alone (File > Download > CSV of each tab), or remove large tabs first.",
  upload_too_large:
    "The upload is larger than the {limit} an import takes. Import fewer files at a time, or the OKR tabs alone as CSV.",
  empty: "{file}: the file is empty.",
  not_found: "{file}: no such file. Check the path.",
  old_excel:
    "{file}: an old Excel file (.xls) or a password-protected workbook. Save it as .xlsx (Excel Workbook) without a password, or download it from Google Sheets as .xlsx or .csv.",
  other_document:
    "{file}: this is a {what} file, not a spreadsheet. Import an .xlsx workbook or a .csv file.",
  not_spreadsheet: "{file}: not a spreadsheet. Import an .xlsx workbook or a .csv file.",
  zip_bomb:
    "{file}: the workbook unpacks to more than an import takes ({detail}). Nothing was read. If it is a real workbook, remove large tabs or import the OKR tabs alone as CSV.",
  zip_entries: "{entries} parts, the limit is {limit}",
  zip_unpacked: "{size} unpacked, the limit is {limit}",
  zip_lies: "its part '{entry}' unpacks to more than it declares: a damaged file or a zip bomb",
  damaged:
    "{file}: the workbook is damaged and cannot be read. Open it in a spreadsheet program, save it again as .xlsx, and import that.",
  encrypted: "{file}: the workbook is encrypted. Save it without a password and import it again.",
  no_header:
    "{file}: no OKR header row. One of the first 20 rows needs at least 3 known headers, including Title or Type (e.g. ID, Type, Title, Objective, Target, Current).",
  no_header_tabs:
    "{file}: no tab has an OKR header row (looked at: {tabs}). One of the first 20 rows of a tab needs at least 3 known headers, including Title or Type.",
  too_many_rows:
    "{where}: more than {limit} rows, the most one sheet takes. Split it into several tabs or files.",
  same_sheet_id:
    "{where} and {other} would both become sheet '{sheetId}'. Rename one of them (the sheet ID comes from the file and tab names).",
  too_many_files: "{count} files: an import takes at most {limit} at a time.",
  no_files: "Choose one or more .xlsx or .csv files to import.",
  given_id:
    "Row {row}: no ID, imported as {id} (made from its title: the same on every import). Write it into the sheet, or download the sheet as .xlsx, to keep it when the title changes.",
  duplicate_not_imported:
    "Row {row}: not imported: its ID '{id}' is already row {other}'s. Give each row its own ID.",
  row_not_accepted: "Row {row}, {column}: {reason}. The row was not imported.",
  too_long: "longer than {max} characters",
  not_accepted: "not accepted",
  too_many_links: "more than {max} IDs",
  uncached_formula:
    "Row {row}, {column}: a formula with no saved value (the file was never calculated). Open the file in a spreadsheet program, save it, and import again.",
  tab_skipped: "{where}: skipped, no OKR header row.",
  synced:
    "{where} → sheet {sheetId} (revision {revision}): {written} rows written, {unchanged} unchanged, {deleted} deleted.",
  unchanged: "{where} → sheet {sheetId} (revision {revision}): unchanged since the last import.",
  sync_failed: "{where} → sheet {sheetId}: not imported: {reason}",
  problems: "{count} problems:",
  nothing_stored: "Nothing was imported.",
  summary: "Imported {sheets} sheets from {files} files into organisation {orgId}.",
  tab: "{file}, tab {tab}",
};

type ImportWord = keyof typeof en;

const sv: Record<ImportWord, string> = {
  too_large:
    "{file}: filen är {size}, mer än de {limit} en import tar. Importera OKR-flikarna för sig (Arkiv > Ladda ned > CSV för varje flik), eller ta bort stora flikar först.",
  upload_too_large:
    "Uppladdningen är större än de {limit} en import tar. Importera färre filer åt gången, eller bara OKR-flikarna som CSV.",
  empty: "{file}: filen är tom.",
  not_found: "{file}: filen finns inte. Kontrollera sökvägen.",
  old_excel:
    "{file}: en gammal Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Spara den som .xlsx (Excel-arbetsbok) utan lösenord, eller ladda ned den från Google Kalkylark som .xlsx eller .csv.",
  other_document:
    "{file}: det här är en {what}-fil, inget kalkylark. Importera en .xlsx-arbetsbok eller en .csv-fil.",
  not_spreadsheet: "{file}: inget kalkylark. Importera en .xlsx-arbetsbok eller en .csv-fil.",
  zip_bomb:
    "{file}: arbetsboken packas upp till mer än en import tar ({detail}). Inget lästes. Är det en riktig arbetsbok, ta bort stora flikar eller importera bara OKR-flikarna som CSV.",
  zip_entries: "{entries} delar, gränsen är {limit}",
  zip_unpacked: "{size} uppackat, gränsen är {limit}",
  zip_lies: "delen '{entry}' packas upp till mer än den uppger: en skadad fil eller en zip-bomb",
  damaged:
    "{file}: arbetsboken är skadad och kan inte läsas. Öppna den i ett kalkylprogram, spara den igen som .xlsx och importera den.",
  encrypted: "{file}: arbetsboken är krypterad. Spara den utan lösenord och importera den igen.",
  no_header:
    "{file}: ingen OKR-rubrikrad. En av de 20 första raderna behöver minst 3 kända rubriker, bland dem Titel eller Typ (t.ex. ID, Typ, Titel, Hör till mål, Målvärde, Nuvarande).",
  no_header_tabs:
    "{file}: ingen flik har en OKR-rubrikrad (sökte i: {tabs}). En av de 20 första raderna i en flik behöver minst 3 kända rubriker, bland dem Titel eller Typ.",
  too_many_rows:
    "{where}: fler än {limit} rader, det mesta ett blad tar. Dela upp det i flera flikar eller filer.",
  same_sheet_id:
    "{where} och {other} skulle båda bli bladet '{sheetId}'. Byt namn på en av dem (bladets ID kommer från fil- och fliknamnen).",
  too_many_files: "{count} filer: en import tar högst {limit} åt gången.",
  no_files: "Välj en eller flera .xlsx- eller .csv-filer att importera.",
  given_id:
    "Rad {row}: saknar ID, importerad som {id} (gjort av titeln: samma vid varje import). Skriv in det i bladet, eller ladda ned bladet som .xlsx, så behålls det när titeln ändras.",
  duplicate_not_imported:
    "Rad {row}: inte importerad: dess ID '{id}' tillhör redan rad {other}. Ge varje rad ett eget ID.",
  row_not_accepted: "Rad {row}, {column}: {reason}. Raden importerades inte.",
  too_long: "längre än {max} tecken",
  not_accepted: "godtas inte",
  too_many_links: "fler än {max} ID",
  uncached_formula:
    "Rad {row}, {column}: en formel utan sparat värde (filen har aldrig räknats om). Öppna filen i ett kalkylprogram, spara den och importera igen.",
  tab_skipped: "{where}: hoppades över, ingen OKR-rubrikrad.",
  synced:
    "{where} → bladet {sheetId} (revision {revision}): {written} rader skrivna, {unchanged} oförändrade, {deleted} borttagna.",
  unchanged: "{where} → bladet {sheetId} (revision {revision}): oförändrat sedan förra importen.",
  sync_failed: "{where} → bladet {sheetId}: inte importerat: {reason}",
  problems: "{count} problem:",
  nothing_stored: "Inget importerades.",
  summary: "Importerade {sheets} blad från {files} filer till organisationen {orgId}.",
  tab: "{file}, fliken {tab}",
};

const nb: Record<ImportWord, string> = {
  too_large:
    "{file}: filen er {size}, mer enn de {limit} en import tar. Importer OKR-fanene hver for seg (Fil > Last ned > CSV for hver fane), eller fjern store faner først.",
  upload_too_large:
    "Opplastingen er større enn de {limit} en import tar. Importer færre filer om gangen, eller bare OKR-fanene som CSV.",
  empty: "{file}: filen er tom.",
  not_found: "{file}: filen finnes ikke. Sjekk stien.",
  old_excel:
    "{file}: en gammel Excel-fil (.xls) eller en passordbeskyttet arbeidsbok. Lagre den som .xlsx (Excel-arbeidsbok) uten passord, eller last den ned fra Google Regneark som .xlsx eller .csv.",
  other_document:
    "{file}: dette er en {what}-fil, ikke et regneark. Importer en .xlsx-arbeidsbok eller en .csv-fil.",
  not_spreadsheet: "{file}: ikke et regneark. Importer en .xlsx-arbeidsbok eller en .csv-fil.",
  zip_bomb:
    "{file}: arbeidsboken pakkes ut til mer enn en import tar ({detail}). Ingenting ble lest. Er det en ekte arbeidsbok, fjern store faner eller importer bare OKR-fanene som CSV.",
  zip_entries: "{entries} deler, grensen er {limit}",
  zip_unpacked: "{size} utpakket, grensen er {limit}",
  zip_lies: "delen '{entry}' pakkes ut til mer enn den oppgir: en skadet fil eller en zip-bombe",
  damaged:
    "{file}: arbeidsboken er skadet og kan ikke leses. Åpne den i et regnearkprogram, lagre den på nytt som .xlsx og importer den.",
  encrypted: "{file}: arbeidsboken er kryptert. Lagre den uten passord og importer den på nytt.",
  no_header:
    "{file}: ingen OKR-overskriftsrad. En av de 20 første radene trenger minst 3 kjente overskrifter, blant dem Tittel eller Type (f.eks. ID, Type, Tittel, Tilhører mål, Målverdi, Nåverdi).",
  no_header_tabs:
    "{file}: ingen fane har en OKR-overskriftsrad (så i: {tabs}). En av de 20 første radene i en fane trenger minst 3 kjente overskrifter, blant dem Tittel eller Type.",
  too_many_rows:
    "{where}: flere enn {limit} rader, det meste ett ark tar. Del det opp i flere faner eller filer.",
  same_sheet_id:
    "{where} og {other} ville begge blitt arket '{sheetId}'. Gi en av dem et nytt navn (arkets ID kommer fra fil- og fanenavnene).",
  too_many_files: "{count} filer: en import tar høyst {limit} om gangen.",
  no_files: "Velg én eller flere .xlsx- eller .csv-filer å importere.",
  given_id:
    "Rad {row}: mangler ID, importert som {id} (laget av tittelen: den samme ved hver import). Skriv den inn i arket, eller last ned arket som .xlsx, så beholdes den når tittelen endres.",
  duplicate_not_imported:
    "Rad {row}: ikke importert: ID-en '{id}' tilhører allerede rad {other}. Gi hver rad sin egen ID.",
  row_not_accepted: "Rad {row}, {column}: {reason}. Raden ble ikke importert.",
  too_long: "lengre enn {max} tegn",
  not_accepted: "godtas ikke",
  too_many_links: "flere enn {max} ID-er",
  uncached_formula:
    "Rad {row}, {column}: en formel uten lagret verdi (filen er aldri beregnet). Åpne filen i et regnearkprogram, lagre den og importer på nytt.",
  tab_skipped: "{where}: hoppet over, ingen OKR-overskriftsrad.",
  synced:
    "{where} → arket {sheetId} (revisjon {revision}): {written} rader skrevet, {unchanged} uendret, {deleted} slettet.",
  unchanged: "{where} → arket {sheetId} (revisjon {revision}): uendret siden forrige import.",
  sync_failed: "{where} → arket {sheetId}: ikke importert: {reason}",
  problems: "{count} problemer:",
  nothing_stored: "Ingenting ble importert.",
  summary: "Importerte {sheets} ark fra {files} filer til organisasjonen {orgId}.",
  tab: "{file}, fanen {tab}",
};

const WORDS: Catalog<ImportWord> = { en, sv, nb };

export function importWord(
  language: Language,
  key: ImportWord,
  params: Record<string, string | number> = {},
): string {
  return translate(WORDS, language, key, params);
}

/** 4 MB, 512 kB, 900 B: sizes as people read them, with the language's decimal comma. */
export function formatBytes(bytes: number, language: Language): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), "MB"]
      : bytes >= 1024
        ? [bytes / 1024, "kB"]
        : [bytes, "B"];
  const text = new Intl.NumberFormat(language === "en" ? "en-GB" : language === "sv" ? "sv-SE" : "nb-NO", {
    maximumFractionDigits: value >= 10 || unit === "B" ? 0 : 1,
  }).format(value);
  return `${text} ${unit}`;
}

/** A file error in the user's language, naming the file and saying what to do. */
export function fileErrorMessage(language: Language, file: string, error: FileError): string {
  const size = (bytes: number) => formatBytes(bytes, language);
  switch (error.code) {
    case "too_large":
      return importWord(language, "too_large", { file, size: size(error.bytes), limit: size(error.limit) });
    case "other_document":
      return importWord(language, "other_document", { file, what: error.what });
    case "zip_bomb": {
      const d = error.detail;
      const detail =
        d.reason === "too_many_entries"
          ? importWord(language, "zip_entries", { entries: d.entries, limit: d.limit })
          : d.reason === "too_large_unpacked"
            ? importWord(language, "zip_unpacked", { size: size(d.bytes), limit: size(d.limit) })
            : d.reason === "sizes_lie"
              ? importWord(language, "zip_lies", { entry: d.entry })
              : d.reason;
      return importWord(language, "zip_bomb", { file, detail });
    }
    default:
      return importWord(language, error.code, { file });
  }
}
