// Header and value words in English, Swedish and Norwegian. Users' own header texts are matched by alias,
// ignoring case, spaces and punctuation; the first alias of each language is what the add-on writes.
import type { ColumnKey, Language } from "./model.js";

export const COLUMN_ALIASES: Record<ColumnKey, Record<Language, readonly string[]>> = {
  id: { en: ["ID", "Key", "Ref"], sv: ["ID", "Nyckel"], nb: ["ID", "Nøkkel"] },
  type: { en: ["Type", "Kind", "Row type"], sv: ["Typ", "Radtyp"], nb: ["Type", "Radtype"] },
  title: {
    en: ["Title", "Name", "Description"],
    sv: ["Titel", "Namn", "Beskrivning"],
    nb: ["Tittel", "Navn", "Beskrivelse"],
  },
  // "Mål" alone is a TYPE VALUE (objective) in sv/nb, so the parent column uses unambiguous words.
  objective: {
    en: ["Objective", "Objective ID", "Parent objective", "Belongs to"],
    sv: ["Hör till mål", "Mål-ID", "Tillhör"],
    nb: ["Tilhører mål", "Mål-ID", "Tilhører"],
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
  progress: { en: ["Progress"], sv: ["Framsteg"], nb: ["Fremdrift"] },
  expected: { en: ["Expected"], sv: ["Förväntat"], nb: ["Forventet"] },
  status: { en: ["Status"], sv: ["Status", "Läge"], nb: ["Status"] },
};

export type EnumKind = "type" | "level" | "krType" | "kpiKind";

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
