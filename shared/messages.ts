// Problem messages for parsing and row validation, in the three languages. Codes are a stable API:
// the add-on, the API and the dashboard key on them.
import { type Catalog, messageWriter, translate } from "./i18n.js";
import type { Language } from "./model.js";
import { LazyProblem, type MessageComposer, type ProblemFields } from "./problem.js";

export type RowProblemCode =
  | "missing_header_row"
  | "missing_column"
  | "duplicate_column"
  | "missing_type"
  | "missing_title"
  | "not_a_number"
  | "not_a_fraction"
  | "bad_threshold"
  | "threshold_reversed"
  | "threshold_month_twice"
  | "formula_error"
  | "unknown_value"
  | "missing_id"
  | "duplicate_id"
  | "missing_objective"
  | "unknown_objective"
  | "parent_is_key_result"
  | "objective_fields_on_key_result"
  | "target_equals_start"
  | "confidence_out_of_range"
  | "negative_weight"
  | "weight_out_of_range"
  | "duplicate_id_across_sheets"
  | "invalid_cycle"
  | "missing_level"
  | "formula_text"
  | "formula_word"
  | "formula_percent"
  | "rewrite_pending"
  | "ambiguous_objective"
  | "created_objective";

export const ROW_MESSAGES: Catalog<RowProblemCode> = {
  en: {
    missing_header_row:
      "No header row found: one of the first 20 rows needs at least 3 known headers, including Title or Type.",
    missing_column: "The sheet has no {column} column. Add a column headed '{column}'.",
    duplicate_column:
      "Row {row}: column {column} appears twice (columns {first} and {second}); only the first is read.",
    missing_type: "Row {row}, {column}: blank. Choose {options}.",
    missing_title: "Row {row}, {column}: blank. Give the row a title.",
    not_a_number: "Row {row}, {column}: '{value}' is not a number. Enter a number such as 1200 or 45%.",
    bad_threshold:
      "Row {row}, {column}: '{value}' is neither a number nor a threshold. Write a number such as 95, or at least 95, at most 3 %, 90–110, or per month: jan–mar: at least 100; at least 120.",
    threshold_reversed:
      "Row {row}, {column}: '{value}' has its high end first. Write the range low to high, such as 90–110.",
    threshold_month_twice:
      "Row {row}, {column}: '{value}' gives a month (or the rest of the year) two thresholds. Give each month one, separated by ';'.",
    not_a_fraction:
      "Row {row}, {column}: '{value}' is not a confidence. Enter 0 to 1, 0% to 100%, or 1 to 10.",
    formula_error: "Row {row}, {column}: the cell shows {value}. Fix the formula or the cell it refers to.",
    unknown_value: "Row {row}, {column}: '{value}' is not one of {options}.",
    missing_id: "Row {row}: no ID yet. Set up sheet gives it one.",
    duplicate_id: "Row {row}, {column}: '{id}' is also the ID of row {other}. Give each row its own ID.",
    missing_objective:
      "Row {row}, {column}: blank, and no objective stands above it. Choose the objective this key result belongs to.",
    unknown_objective:
      "Row {row}, {column}: '{id}' is neither the ID nor the title of an objective in this sheet or the organisation.",
    parent_is_key_result:
      "Row {row}, {column}: '{id}' is a key result. A key result belongs to an objective.",
    objective_fields_on_key_result:
      "Row {row}, {column}: only objectives align or contribute to other objectives; this value is ignored.",
    target_equals_start: "Row {row}, {column}: equals the start, so it reads as 'hold at least {value}'.",
    confidence_out_of_range: "Row {row}, {column}: {value} is outside 0 to 1.",
    negative_weight:
      "Row {row}, {column}: {value} is negative. Use 0 to leave the row out, or a positive weight.",
    weight_out_of_range:
      "Row {row}, {column}: {value} is too large to be a weight. Use a weight from 0 to 1000000, such as 1, 2 or 40%.",
    duplicate_id_across_sheets:
      "Row {row}, {column}: '{id}' is already the ID of a row in the sheet '{sheet}', so this row was not synced. Clear this ID and run Set up sheet to give the row a new one.",
    invalid_cycle:
      "Row {row}, {column}: '{value}' is not a cycle. Write 2026-Q4, 2026-H2, 2026 or 2026-10-01..2026-12-31.",
    missing_level: "Row {row}, {column}: no level. Choose {options}.",
    formula_text:
      "Row {row}, {column}: the formula gives the text '{value}', which the sheet cannot count as a number, so it counts as no value. Make the formula return a number (for example with VALUE).",
    formula_word:
      "Row {row}, {column}: the formula gives '{value}', which the sheet's formulas do not read as '{word}'. Make the formula return exactly '{word}'.",
    formula_percent:
      "Row {row}, {column}: the formula gives {value}, which on this percent key result is {percent}. Make it return {fraction} (percent values are fractions: 45 % is 0.45).",
    rewrite_pending:
      "Row {row}, {column}: '{value}' is read as '{word}', but the sheet's formulas see the cell as it is until Set up sheet (or an edit of the cell) writes it so.",
    ambiguous_objective:
      "Row {row}, {column}: '{value}' is the title of more than one objective (rows {rows}). Choose one in the list: it gives the objective's ID.",
    created_objective:
      "Row {row}: the objective '{value}' is named in the {column} column but has no row; Set up sheet adds it here.",
  },
  sv: {
    missing_header_row:
      "Ingen rubrikrad hittades: en av de 20 första raderna behöver minst 3 kända rubriker, bland dem Titel eller Typ.",
    missing_column: "Bladet saknar kolumnen {column}. Lägg till en kolumn med rubriken '{column}'.",
    duplicate_column:
      "Rad {row}: kolumnen {column} finns två gånger (kolumn {first} och {second}); bara den första läses.",
    missing_type: "Rad {row}, {column}: tom. Välj {options}.",
    missing_title: "Rad {row}, {column}: tom. Ge raden en titel.",
    not_a_number: "Rad {row}, {column}: '{value}' är inte ett tal. Skriv ett tal som 1200 eller 45%.",
    bad_threshold:
      "Rad {row}, {column}: '{value}' är varken ett tal eller en tröskel. Skriv ett tal som 95, eller minst 95, högst 3 %, 90–110, eller per månad: jan–mar: minst 100; minst 120.",
    threshold_reversed:
      "Rad {row}, {column}: '{value}' har den höga gränsen först. Skriv intervallet från lågt till högt, som 90–110.",
    threshold_month_twice:
      "Rad {row}, {column}: '{value}' ger en månad (eller resten av året) två trösklar. Ge varje månad en, åtskilda med ';'.",
    not_a_fraction:
      "Rad {row}, {column}: '{value}' är ingen säkerhet. Skriv 0 till 1, 0% till 100% eller 1 till 10.",
    formula_error: "Rad {row}, {column}: cellen visar {value}. Rätta formeln eller cellen den hänvisar till.",
    unknown_value: "Rad {row}, {column}: '{value}' är inte något av {options}.",
    missing_id: "Rad {row}: saknar ID. Förbered bladet ger den ett.",
    duplicate_id: "Rad {row}, {column}: '{id}' är också ID för rad {other}. Ge varje rad ett eget ID.",
    missing_objective:
      "Rad {row}, {column}: tom, och inget mål står ovanför. Välj målet som nyckelresultatet hör till.",
    unknown_objective:
      "Rad {row}, {column}: '{id}' är varken ID eller titel för ett mål i bladet eller organisationen.",
    parent_is_key_result:
      "Rad {row}, {column}: '{id}' är ett nyckelresultat. Ett nyckelresultat hör till ett mål.",
    objective_fields_on_key_result:
      "Rad {row}, {column}: bara mål stödjer eller bidrar till andra mål; värdet ignoreras.",
    target_equals_start: "Rad {row}, {column}: samma som startvärdet, så det läses som 'håll minst {value}'.",
    confidence_out_of_range: "Rad {row}, {column}: {value} ligger utanför 0 till 1.",
    negative_weight:
      "Rad {row}, {column}: {value} är negativ. Använd 0 för att utesluta raden, eller en positiv vikt.",
    weight_out_of_range:
      "Rad {row}, {column}: {value} är för stort för att vara en vikt. Använd en vikt från 0 till 1000000, till exempel 1, 2 eller 40%.",
    duplicate_id_across_sheets:
      "Rad {row}, {column}: '{id}' är redan ID för en rad i bladet '{sheet}', så raden synkades inte. Töm ID-cellen och kör Förbered bladet för att ge raden ett nytt ID.",
    invalid_cycle:
      "Rad {row}, {column}: '{value}' är ingen cykel. Skriv 2026-Q4, 2026-H2, 2026 eller 2026-10-01..2026-12-31.",
    missing_level: "Rad {row}, {column}: ingen nivå. Välj {options}.",
    formula_text:
      "Rad {row}, {column}: formeln ger texten '{value}', som bladet inte kan räkna som ett tal, så den räknas som inget värde. Låt formeln ge ett tal (till exempel med VALUE).",
    formula_word:
      "Rad {row}, {column}: formeln ger '{value}', som bladets formler inte läser som '{word}'. Låt formeln ge exakt '{word}'.",
    formula_percent:
      "Rad {row}, {column}: formeln ger {value}, vilket för det här procentnyckelresultatet är {percent}. Låt den ge {fraction} (procent skrivs som andelar: 45 % är 0,45).",
    rewrite_pending:
      "Rad {row}, {column}: '{value}' läses som '{word}', men bladets formler ser cellen som den är tills Förbered bladet (eller en ändring av cellen) skriver den så.",
    ambiguous_objective:
      "Rad {row}, {column}: '{value}' är titeln på mer än ett mål (rad {rows}). Välj ett i listan: den ger målets ID.",
    created_objective:
      "Rad {row}: målet '{value}' står i kolumnen {column} men har ingen egen rad; Förbered bladet lägger till den här.",
  },
  nb: {
    missing_header_row:
      "Fant ingen overskriftsrad: en av de 20 første radene trenger minst 3 kjente overskrifter, blant dem Tittel eller Type.",
    missing_column: "Arket mangler kolonnen {column}. Legg til en kolonne med overskriften '{column}'.",
    duplicate_column:
      "Rad {row}: kolonnen {column} finnes to ganger (kolonne {first} og {second}); bare den første leses.",
    missing_type: "Rad {row}, {column}: tom. Velg {options}.",
    missing_title: "Rad {row}, {column}: tom. Gi raden en tittel.",
    not_a_number: "Rad {row}, {column}: '{value}' er ikke et tall. Skriv et tall som 1200 eller 45%.",
    bad_threshold:
      "Rad {row}, {column}: '{value}' er verken et tall eller en terskel. Skriv et tall som 95, eller minst 95, høyst 3 %, 90–110, eller per måned: jan–mar: minst 100; minst 120.",
    threshold_reversed:
      "Rad {row}, {column}: '{value}' har den høye grensen først. Skriv intervallet fra lavt til høyt, som 90–110.",
    threshold_month_twice:
      "Rad {row}, {column}: '{value}' gir en måned (eller resten av året) to terskler. Gi hver måned én, skilt med ';'.",
    not_a_fraction:
      "Rad {row}, {column}: '{value}' er ingen konfidens. Skriv 0 til 1, 0% til 100% eller 1 til 10.",
    formula_error: "Rad {row}, {column}: cellen viser {value}. Rett formelen eller cellen den viser til.",
    unknown_value: "Rad {row}, {column}: '{value}' er ikke en av {options}.",
    missing_id: "Rad {row}: mangler ID. Klargjør arket gir den en.",
    duplicate_id: "Rad {row}, {column}: '{id}' er også ID for rad {other}. Gi hver rad sin egen ID.",
    missing_objective:
      "Rad {row}, {column}: tom, og ingen mål står over den. Velg målet nøkkelresultatet tilhører.",
    unknown_objective:
      "Rad {row}, {column}: '{id}' er verken ID eller tittel for et mål i arket eller organisasjonen.",
    parent_is_key_result:
      "Rad {row}, {column}: '{id}' er et nøkkelresultat. Et nøkkelresultat tilhører et mål.",
    objective_fields_on_key_result:
      "Rad {row}, {column}: bare mål støtter eller bidrar til andre mål; verdien ignoreres.",
    target_equals_start: "Rad {row}, {column}: lik startverdien, så den leses som 'hold minst {value}'.",
    confidence_out_of_range: "Rad {row}, {column}: {value} er utenfor 0 til 1.",
    negative_weight:
      "Rad {row}, {column}: {value} er negativ. Bruk 0 for å utelate raden, eller en positiv vekt.",
    weight_out_of_range:
      "Rad {row}, {column}: {value} er for stort til å være en vekt. Bruk en vekt fra 0 til 1000000, for eksempel 1, 2 eller 40%.",
    duplicate_id_across_sheets:
      "Rad {row}, {column}: '{id}' er allerede ID-en til en rad i arket '{sheet}', så raden ble ikke synkronisert. Tøm ID-cellen og kjør Klargjør arket for å gi raden en ny ID.",
    invalid_cycle:
      "Rad {row}, {column}: '{value}' er ingen syklus. Skriv 2026-Q4, 2026-H2, 2026 eller 2026-10-01..2026-12-31.",
    missing_level: "Rad {row}, {column}: mangler nivå. Velg {options}.",
    formula_text:
      "Rad {row}, {column}: formelen gir teksten '{value}', som arket ikke kan regne som et tall, så den regnes som ingen verdi. La formelen gi et tall (for eksempel med VALUE).",
    formula_word:
      "Rad {row}, {column}: formelen gir '{value}', som arkets formler ikke leser som '{word}'. La formelen gi nøyaktig '{word}'.",
    formula_percent:
      "Rad {row}, {column}: formelen gir {value}, som for dette prosentnøkkelresultatet er {percent}. La den gi {fraction} (prosent skrives som andeler: 45 % er 0,45).",
    rewrite_pending:
      "Rad {row}, {column}: '{value}' leses som '{word}', men arkets formler ser cellen som den er til Klargjør arket (eller en endring av cellen) skriver den slik.",
    ambiguous_objective:
      "Rad {row}, {column}: '{value}' er tittelen på mer enn ett mål (rad {rows}). Velg ett i listen: den gir målets ID.",
    created_objective:
      "Rad {row}: målet '{value}' står i kolonnen {column}, men har ingen egen rad; Klargjør arket legger den til her.",
  },
};

export function rowMessage(
  language: Language,
  code: RowProblemCode,
  params: Record<string, string | number> = {},
): string {
  return translate(ROW_MESSAGES, language, code, params);
}

/** A row problem whose message is written when first read (see LazyProblem). */
export function rowProblem(
  language: Language,
  fields: ProblemFields & { code: RowProblemCode },
  values: Record<string, string | number>,
): LazyProblem {
  return new LazyProblem(
    fields,
    messageWriter(ROW_MESSAGES, language, fields.code) as MessageComposer,
    values,
  );
}
