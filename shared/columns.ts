// The vocabulary: every word for a column, a row type, a level, a KR type, a KPI kind and a status, in English,
// Swedish and Norwegian, defined once here and used by the sheet (headers, dropdowns, the words the formulas
// compare and write), the add-on's dialogs and Rollup sheet, the API's messages and the dashboard. Users' own
// header texts are matched by alias, ignoring case, spaces and punctuation; the first alias of each language is
// what is written and shown.
import type { KpiHealth } from "./kpi-health.js";
import type { ColumnKey, GradeBand, Language, Status } from "./model.js";

export const COLUMN_ALIASES: Record<ColumnKey, Record<Language, readonly string[]>> = {
  id: { en: ["ID", "Key", "Ref"], sv: ["ID", "Nyckel"], nb: ["ID", "Nøkkel"] },
  type: { en: ["Type", "Kind", "Row type"], sv: ["Typ", "Radtyp"], nb: ["Type", "Radtype"] },
  // A column headed "Key result" holds titles too: the sheets people write with one row per key result (see
  // KEY_RESULT_TITLE_HEADERS: their rows are key results unless a Type says otherwise).
  title: {
    en: ["Title", "Name", "Description", "Key result", "Key results", "KR"],
    sv: ["Titel", "Namn", "Beskrivning", "Nyckelresultat"],
    nb: ["Tittel", "Navn", "Beskrivelse", "Nøkkelresultat", "Nøkkelresultater"],
  },
  // The parent column. People head it "Objective" / "Mål" and write the objective's ID or its title there
  // ("Mål" as a header is this column; as a Type value it is the word for an objective).
  objective: {
    en: ["Objective", "Objective ID", "Parent objective", "Belongs to", "Objectives"],
    sv: ["Hör till mål", "Mål-ID", "Tillhör", "Mål"],
    nb: ["Tilhører mål", "Mål-ID", "Tilhører", "Mål"],
  },
  alignsTo: {
    en: ["Aligns to", "Aligned to", "Supports", "Parent"],
    sv: ["Stödjer", "Stöder", "Linjerar mot", "Kopplat till"],
    nb: ["Støtter", "Støtter opp under", "Koblet til"],
  },
  contributesTo: {
    en: ["Contributes to", "Depends on", "Also supports"],
    sv: ["Bidrar till", "Beroende av"],
    nb: ["Bidrar til", "Avhengig av"],
  },
  level: { en: ["Level"], sv: ["Nivå"], nb: ["Nivå"] },
  team: { en: ["Team", "Department"], sv: ["Team", "Avdelning"], nb: ["Team", "Avdeling"] },
  owner: { en: ["Owner", "Responsible", "Assignee"], sv: ["Ägare", "Ansvarig"], nb: ["Eier", "Ansvarlig"] },
  cycle: {
    en: ["Cycle", "Period", "Quarter"],
    sv: ["Cykel", "Period", "Kvartal"],
    nb: ["Syklus", "Periode", "Kvartal"],
  },
  start: {
    en: ["Start", "Start value", "Baseline"],
    sv: ["Startvärde", "Start", "Utgångsläge"],
    nb: ["Startverdi", "Start", "Utgangspunkt"],
  },
  target: {
    en: ["Target", "Goal value", "Target value"],
    sv: ["Målvärde", "Mål värde"],
    nb: ["Målverdi", "Mål verdi"],
  },
  current: {
    en: ["Current", "Current value", "Actual"],
    sv: ["Nuvarande", "Nuvärde", "Utfall"],
    nb: ["Nåverdi", "Nåværende", "Faktisk"],
  },
  unit: { en: ["Unit"], sv: ["Enhet"], nb: ["Enhet"] },
  krType: { en: ["KR type", "Measure"], sv: ["KR-typ", "Mätning"], nb: ["KR-type", "Måling"] },
  weight: { en: ["Weight"], sv: ["Vikt"], nb: ["Vekt"] },
  confidence: {
    en: ["Confidence"],
    sv: ["Säkerhet", "Konfidens", "Tilltro"],
    nb: ["Konfidens", "Tillit", "Sikkerhet"],
  },
  kpiKind: {
    en: ["KPI kind", "KPI type", "Indicator"],
    sv: ["KPI-typ", "Indikator"],
    nb: ["KPI-type", "Indikator"],
  },
  notes: {
    en: ["Notes", "Comment", "Comments"],
    sv: ["Anteckningar", "Kommentar"],
    nb: ["Notater", "Kommentar"],
  },
  progress: { en: ["Progress"], sv: ["Framsteg", "Framdrift"], nb: ["Fremdrift"] },
  expected: { en: ["Expected"], sv: ["Förväntat"], nb: ["Forventet"] },
  status: { en: ["Status"], sv: ["Status", "Läge"], nb: ["Status"] },
  // The owner's own status word: where set, the sheet's Status shows it instead of the pace (which the engine
  // and the API keep as the pace status).
  ownerStatus: {
    en: ["Owner status", "Owner's status", "Owner says"],
    sv: ["Ägarens status", "Ägarstatus"],
    nb: ["Eiers status", "Eierstatus"],
  },
  // Written by Close cycle: the grade frozen when the cycle was closed (0.0-1.0 in tenths).
  grade: { en: ["Grade", "Final grade"], sv: ["Betyg", "Slutbetyg"], nb: ["Karakter", "Sluttkarakter"] },
};

/** Title headers that say the rows are key results ("Objective | Key result | Owner | ..."). */
const KEY_RESULT_TITLE_HEADERS: ReadonlySet<string> = new Set(
  ["Key result", "Key results", "KR", "Nyckelresultat", "Nøkkelresultat", "Nøkkelresultater"].map((word) =>
    normalizeWord(word),
  ),
);

/** True when a title column's header names key results (its untyped rows are key results). */
export function namesKeyResults(header: unknown): boolean {
  return typeof header === "string" && KEY_RESULT_TITLE_HEADERS.has(normalizeWord(header));
}

/** The status words the Status formulas write and the dashboard shows, per language. */
export const STATUS_LABELS: Record<Language, Record<Status, string>> = {
  en: {
    not_started: "Not started",
    on_track: "On track",
    at_risk: "At risk",
    off_track: "Off track",
    done: "Done",
  },
  sv: {
    not_started: "Ej påbörjad",
    on_track: "Enligt plan",
    at_risk: "I riskzonen",
    off_track: "Efter plan",
    done: "Klar",
  },
  nb: {
    not_started: "Ikke startet",
    on_track: "I rute",
    at_risk: "I faresonen",
    off_track: "Bak plan",
    done: "Ferdig",
  },
};

/** Word columns: each value has its words per language (`status`: the Owner status column's words). */
export type EnumKind = "type" | "level" | "krType" | "kpiKind" | "status";

/** Canonical value -> words per language; the first word of a language is the one written. */
const VALUE_ALIASES: Record<EnumKind, Record<string, Record<Language, readonly string[]>>> = {
  type: {
    objective: { en: ["Objective", "O", "Obj"], sv: ["Mål", "Objective"], nb: ["Mål", "Objektiv"] },
    key_result: { en: ["Key result", "KR"], sv: ["Nyckelresultat", "NR"], nb: ["Nøkkelresultat", "NR"] },
    kpi: { en: ["KPI", "Indicator"], sv: ["KPI", "Nyckeltal"], nb: ["KPI", "Nøkkeltall"] },
  },
  level: {
    company: {
      en: ["Company", "Org", "Organisation", "Organization"],
      sv: ["Företag", "Bolag"],
      nb: ["Selskap", "Bedrift"],
    },
    team: { en: ["Team", "Department"], sv: ["Team", "Avdelning"], nb: ["Team", "Avdeling"] },
    individual: {
      en: ["Individual", "Personal", "Person"],
      sv: ["Individ", "Individuell", "Personlig"],
      nb: ["Individuell", "Individ", "Personlig"],
    },
  },
  krType: {
    numeric: { en: ["Numeric", "Number"], sv: ["Numerisk", "Tal"], nb: ["Numerisk", "Tall"] },
    percent: { en: ["Percent", "Percentage", "%"], sv: ["Procent"], nb: ["Prosent"] },
    binary: { en: ["Binary", "Yes/no", "Done/not done"], sv: ["Binär", "Ja/nej"], nb: ["Binær", "Ja/nei"] },
    milestone: {
      en: ["Milestone", "Milestones"],
      sv: ["Milstolpe", "Milstolpar"],
      nb: ["Milepæl", "Milepæler"],
    },
  },
  kpiKind: {
    leading: { en: ["Leading"], sv: ["Ledande"], nb: ["Ledende"] },
    lagging: { en: ["Lagging"], sv: ["Eftersläpande"], nb: ["Etterslepende"] },
  },
  // The Owner status column's words are the Status words, one home: STATUS_LABELS.
  status: Object.fromEntries(
    (Object.keys(STATUS_LABELS.en) as Status[]).map((status) => [
      status,
      { en: [STATUS_LABELS.en[status]], sv: [STATUS_LABELS.sv[status]], nb: [STATUS_LABELS.nb[status]] },
    ]),
  ),
};

/** Case-, space- and punctuation-insensitive form used for matching. */
export function normalizeWord(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\-_.:/()*]+/g, "");
}

const HEADER_INDEX = new Map<string, { key: ColumnKey; language: Language }>();
for (const [key, byLanguage] of Object.entries(COLUMN_ALIASES) as [
  ColumnKey,
  Record<Language, readonly string[]>,
][]) {
  for (const language of ["en", "sv", "nb"] as const) {
    for (const alias of byLanguage[language]) {
      const word = normalizeWord(alias);
      if (!HEADER_INDEX.has(word)) HEADER_INDEX.set(word, { key, language });
    }
  }
}

const VALUE_INDEX = new Map<EnumKind, Map<string, string>>();
for (const [kind, values] of Object.entries(VALUE_ALIASES) as [
  EnumKind,
  (typeof VALUE_ALIASES)[EnumKind],
][]) {
  const index = new Map<string, string>();
  for (const [value, byLanguage] of Object.entries(values)) {
    index.set(normalizeWord(value), value);
    for (const language of ["en", "sv", "nb"] as const) {
      for (const alias of byLanguage[language]) index.set(normalizeWord(alias), value);
    }
  }
  VALUE_INDEX.set(kind, index);
}

export function matchHeader(text: unknown): { key: ColumnKey; language: Language } | null {
  if (typeof text !== "string" || text.length > 200) return null;
  return HEADER_INDEX.get(normalizeWord(text)) ?? null;
}

export function headerLabel(key: ColumnKey, language: Language): string {
  return COLUMN_ALIASES[key][language][0]!;
}

export function valueLabel(kind: EnumKind, value: string, language: Language): string {
  return VALUE_ALIASES[kind][value]?.[language][0] ?? value;
}

export function valueLabels(kind: EnumKind, language: Language): string[] {
  return Object.values(VALUE_ALIASES[kind]).map((byLanguage) => byLanguage[language][0]!);
}

export function parseEnumValue(kind: EnumKind, text: string): string | null {
  return VALUE_INDEX.get(kind)?.get(normalizeWord(text)) ?? null;
}

/** Words for what the sheet and the rollup say about objectives beyond their columns. */
export interface Terms {
  /** The plural of each row type ("Key results"). */
  objectives: string;
  keyResults: string;
  kpis: string;
  /** An objective's own progress (from its key results) and the progress of the objectives that support it. */
  ownProgress: string;
  alignedProgress: string;
  /** Short forms, on the dashboard's cards. */
  own: string;
  aligned: string;
  /** Objectives that align to this one, and those that contribute to it. */
  supportedBy: string;
  contributors: string;
  /** A KPI's health: whether its value keeps its threshold (shared/kpi-health.ts). */
  health: string;
}

export const TERMS: Record<Language, Terms> = {
  en: {
    objectives: "Objectives",
    keyResults: "Key results",
    kpis: "KPIs",
    ownProgress: "Own progress",
    alignedProgress: "Aligned progress",
    own: "Own",
    aligned: "Aligned",
    supportedBy: "Supported by",
    contributors: "Contributed to by",
    health: "Health",
  },
  sv: {
    objectives: "Mål",
    keyResults: "Nyckelresultat",
    kpis: "KPI:er",
    ownProgress: "Eget framsteg",
    alignedProgress: "Framsteg i stödjande mål",
    own: "Eget",
    aligned: "Stödjande",
    supportedBy: "Stöds av",
    contributors: "Får bidrag från",
    health: "Läge",
  },
  nb: {
    objectives: "Mål",
    keyResults: "Nøkkelresultater",
    kpis: "KPI-er",
    ownProgress: "Egen fremdrift",
    alignedProgress: "Fremdrift i støttende mål",
    own: "Egen",
    aligned: "Støttende",
    supportedBy: "Støttes av",
    contributors: "Får bidrag fra",
    health: "Tilstand",
  },
};

/** A KPI's health in words: the Rollup sheet's KPI board, the dashboard's CSVs. */
export const KPI_HEALTH_LABELS: Record<Language, Record<KpiHealth, string>> = {
  en: { healthy: "Healthy", unhealthy: "Unhealthy" },
  sv: { healthy: "Inom gränsen", unhealthy: "Utanför gränsen" },
  nb: { healthy: "Innenfor grensen", unhealthy: "Utenfor grensen" },
};

/** The grade bands' words (shared/progress.ts gradeBand): what the Status shows beside the grade once a cycle ended. */
export const GRADE_BAND_LABELS: Record<Language, Record<GradeBand, string>> = {
  en: { green: "Achieved", yellow: "Partly achieved", red: "Missed" },
  sv: { green: "Uppnått", yellow: "Delvis uppnått", red: "Missat" },
  nb: { green: "Oppnådd", yellow: "Delvis oppnådd", red: "Ikke nådd" },
};

/** The decimal mark of a grade as the language writes it (0.8, 0,8). */
export const DECIMAL_MARK: Record<Language, string> = { en: ".", sv: ",", nb: "," };

export function statusLabel(status: Status, language: Language): string {
  return STATUS_LABELS[language][status];
}
