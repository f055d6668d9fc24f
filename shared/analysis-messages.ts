// Messages for alignment and quality problems, in the three languages. Codes are a stable API.
import { type Catalog, messageWriter, translate } from "./i18n.js";
import type { Language } from "./model.js";
import {
  LazyProblem,
  type MessageComposer,
  type MessageValues,
  type Place,
  type ProblemFields,
} from "./problem.js";

export type AnalysisCode =
  | "alignment_cycle"
  | "unknown_alignment"
  | "unknown_contribution"
  | "unknown_parent"
  | "aligned_to_key_result"
  | "self_alignment"
  | "unaligned_objective"
  | "unsupported_company_objective"
  | "cross_cycle_alignment"
  | "level_inversion"
  | "duplicate_id_across_sheets"
  | "too_many_objectives"
  | "objective_without_key_results"
  | "too_few_key_results"
  | "too_many_key_results"
  | "key_result_not_measurable"
  | "key_result_without_owner"
  | "key_result_reads_like_task"
  | "key_result_without_leading_kpi"
  | "duplicate_work";

export const ANALYSIS_MESSAGES: Catalog<AnalysisCode> = {
  en: {
    alignment_cycle:
      "Alignment goes round in a circle: {path}. Make one of them align to an objective outside the circle.",
    unknown_alignment:
      "{where}: aligns to '{id}', which is not an objective in any sheet. Pick one from the Aligns to list.",
    unknown_contribution: "{where}: contributes to '{id}', which is not an objective in any sheet.",
    unknown_parent: "{where}: belongs to '{id}', which exists in no sheet of the organisation.",
    aligned_to_key_result:
      "{where}: aligns to '{id}', a key result. Align to the objective it belongs to instead.",
    self_alignment: "{where}: links to itself. Remove its own ID from Aligns to / Contributes to.",
    unaligned_objective: "{where}: aligned to nothing. Say which company or team objective it supports.",
    unsupported_company_objective: "{where}: no team supports this company objective yet.",
    cross_cycle_alignment:
      "{where}: in {cycle} but aligns to '{id}' in {otherCycle}. Align to an objective of the same cycle.",
    level_inversion:
      "{where}: a {level} objective aligns to a {otherLevel} objective ('{id}'). Alignment usually points upward.",
    duplicate_id_across_sheets:
      "ID '{id}' is used in both {sheet} and {otherSheet}. Give one of them a new ID.",
    too_many_objectives: "{owner} has {count} objectives in {cycle}; at most {max} keeps focus.",
    objective_without_key_results: "{where}: has no key results. Add 2 to {max} measurable outcomes.",
    too_few_key_results: "{where}: has {count} key result; {min} to {max} describe success better.",
    too_many_key_results: "{where}: has {count} key results; at most {max} keeps focus.",
    key_result_not_measurable: "{where}: no measurable target. Add a target number, or make it binary.",
    key_result_without_owner: "{where}: no owner. Name the person who moves this number.",
    key_result_reads_like_task:
      "{where}: '{title}' reads like a task. Describe the outcome and how it is measured (from X to Y).",
    key_result_without_leading_kpi:
      "{where}: no leading KPI. Add a leading indicator that predicts this result.",
    duplicate_work: "{where} looks like {other} ({similarity}% alike). Is the same work done twice?",
  },
  sv: {
    alignment_cycle:
      "Kopplingarna går runt i en cirkel: {path}. Låt ett av målen stödja ett mål utanför cirkeln.",
    unknown_alignment:
      "{where}: stödjer '{id}', som inte är ett mål i något blad. Välj ett i listan Stödjer.",
    unknown_contribution: "{where}: bidrar till '{id}', som inte är ett mål i något blad.",
    unknown_parent: "{where}: hör till '{id}', som inte finns i något blad i organisationen.",
    aligned_to_key_result:
      "{where}: stödjer '{id}', ett nyckelresultat. Koppla till målet det hör till i stället.",
    self_alignment: "{where}: pekar på sig själv. Ta bort det egna ID:t ur Stödjer / Bidrar till.",
    unaligned_objective:
      "{where}: är inte kopplat till något. Ange vilket företags- eller teammål det stödjer.",
    unsupported_company_objective: "{where}: inget team stödjer ännu detta företagsmål.",
    cross_cycle_alignment:
      "{where}: i {cycle} men stödjer '{id}' i {otherCycle}. Koppla till ett mål i samma cykel.",
    level_inversion:
      "{where}: ett mål på nivån {level} stödjer ett mål på nivån {otherLevel} ('{id}'). Kopplingar pekar oftast uppåt.",
    duplicate_id_across_sheets:
      "ID '{id}' används både i {sheet} och {otherSheet}. Ge ett av dem ett nytt ID.",
    too_many_objectives: "{owner} har {count} mål i {cycle}; högst {max} ger fokus.",
    objective_without_key_results: "{where}: saknar nyckelresultat. Lägg till 2 till {max} mätbara resultat.",
    too_few_key_results: "{where}: har {count} nyckelresultat; {min} till {max} beskriver framgång bättre.",
    too_many_key_results: "{where}: har {count} nyckelresultat; högst {max} ger fokus.",
    key_result_not_measurable: "{where}: saknar mätbart målvärde. Ange ett målvärde, eller gör det binärt.",
    key_result_without_owner: "{where}: saknar ägare. Ange vem som flyttar siffran.",
    key_result_reads_like_task:
      "{where}: '{title}' låter som en uppgift. Beskriv resultatet och hur det mäts (från X till Y).",
    key_result_without_leading_kpi:
      "{where}: saknar ledande KPI. Lägg till en ledande indikator som förutsäger resultatet.",
    duplicate_work: "{where} liknar {other} ({similarity}% lika). Görs samma arbete två gånger?",
  },
  nb: {
    alignment_cycle: "Koblingene går i ring: {path}. La ett av målene støtte et mål utenfor ringen.",
    unknown_alignment: "{where}: støtter '{id}', som ikke er et mål i noe ark. Velg et fra listen Støtter.",
    unknown_contribution: "{where}: bidrar til '{id}', som ikke er et mål i noe ark.",
    unknown_parent: "{where}: tilhører '{id}', som ikke finnes i noe ark i organisasjonen.",
    aligned_to_key_result:
      "{where}: støtter '{id}', et nøkkelresultat. Koble til målet det tilhører i stedet.",
    self_alignment: "{where}: peker på seg selv. Fjern sin egen ID fra Støtter / Bidrar til.",
    unaligned_objective: "{where}: er ikke koblet til noe. Si hvilket selskaps- eller teammål det støtter.",
    unsupported_company_objective: "{where}: ingen team støtter dette selskapsmålet ennå.",
    cross_cycle_alignment:
      "{where}: i {cycle} men støtter '{id}' i {otherCycle}. Koble til et mål i samme syklus.",
    level_inversion:
      "{where}: et mål på nivået {level} støtter et mål på nivået {otherLevel} ('{id}'). Koblinger peker oftest oppover.",
    duplicate_id_across_sheets: "ID '{id}' brukes både i {sheet} og {otherSheet}. Gi ett av dem en ny ID.",
    too_many_objectives: "{owner} har {count} mål i {cycle}; høyst {max} gir fokus.",
    objective_without_key_results:
      "{where}: mangler nøkkelresultater. Legg til 2 til {max} målbare resultater.",
    too_few_key_results: "{where}: har {count} nøkkelresultat; {min} til {max} beskriver suksess bedre.",
    too_many_key_results: "{where}: har {count} nøkkelresultater; høyst {max} gir fokus.",
    key_result_not_measurable:
      "{where}: mangler målbar målverdi. Legg inn en målverdi, eller gjør det binært.",
    key_result_without_owner: "{where}: mangler eier. Si hvem som flytter tallet.",
    key_result_reads_like_task:
      "{where}: '{title}' høres ut som en oppgave. Beskriv resultatet og hvordan det måles (fra X til Y).",
    key_result_without_leading_kpi:
      "{where}: mangler ledende KPI. Legg til en ledende indikator som forutsier resultatet.",
    duplicate_work: "{where} ligner {other} ({similarity}% likt). Gjøres det samme arbeidet to ganger?",
  },
};

const WHERE: Catalog<"where"> = {
  en: { where: "{sheet} row {row} ({id})" },
  sv: { where: "{sheet} rad {row} ({id})" },
  nb: { where: "{sheet} rad {row} ({id})" },
};

export function where(language: Language, sheet: string, row: number, id: string): string {
  return translate(WHERE, language, "where", { sheet, row, id });
}

export function analysisMessage(
  language: Language,
  code: AnalysisCode,
  params: Record<string, string | number>,
): string {
  return translate(ANALYSIS_MESSAGES, language, code, params);
}

const composers: Record<Language, Map<AnalysisCode, MessageComposer>> = {
  en: new Map(),
  sv: new Map(),
  nb: new Map(),
};

/** Writes an analysis message, each Place value (`{where}`, `{other}`) as "Sales row 14 (KR-9)". */
function composer(language: Language, code: AnalysisCode): MessageComposer {
  let compose = composers[language].get(code);
  if (!compose) {
    const write = messageWriter(ANALYSIS_MESSAGES, language, code);
    compose = (values, place) => {
      const plain: Record<string, string | number> = {};
      if (place) plain.where = where(language, place.sheet, place.row, place.id);
      for (const name in values) {
        const value = values[name]!;
        plain[name] = typeof value === "object" ? where(language, value.sheet, value.row, value.id) : value;
      }
      return write(plain);
    };
    composers[language].set(code, compose);
  }
  return compose;
}

/** An alignment or quality problem, about `where` if given, its message written when first read (see LazyProblem). */
export function analysisProblem(
  language: Language,
  fields: ProblemFields & { code: AnalysisCode },
  values: MessageValues,
  where: Place | null = null,
): LazyProblem {
  return new LazyProblem(fields, composer(language, fields.code), values, where);
}
