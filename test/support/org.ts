// Generated organisations for the engine bench and the engine's pinned-output test: one sheet per team, as
// getValues returns it, written the way people write (English, Swedish and Norwegian headers and words,
// other aliases, shuffled columns, text numbers in each locale, formula errors, blank and repeated IDs), with
// titles drawn from a chosen vocabulary and planted near-duplicates (the same work written down by two teams).
import { COLUMN_ALIASES, valueLabel } from "../../shared/columns.js";
import {
  COLUMN_KEYS,
  type ColumnKey,
  type KrType,
  type Language,
  ON_DEMAND_COLUMNS,
  type RowType,
} from "../../shared/model.js";
import { similarity } from "../../shared/similarity.js";

/**
 * - `names`: titles name specific things (products, markets, systems) from a pool of 6,000 names: few words
 *   are shared, as in a company whose teams own different things.
 * - `mixed`: one or two common business words and one or two specific names per title.
 * - `shared`: titles only from 150 common business words per language (customer, churn, pipeline ...),
 *   Zipf-distributed: at 100k rows every word is in hundreds or thousands of titles.
 */
export type VocabularyName = "names" | "mixed" | "shared";
export const VOCABULARIES: readonly VocabularyName[] = ["names", "mixed", "shared"];

export interface OrgSpec {
  /** Data rows across all sheets (headers not counted). */
  rows: number;
  teams: number;
  vocabulary: VocabularyName;
  seed?: number;
  /** Share of cells written dirty (text numbers, other words, errors, blank IDs); default 0. */
  dirty?: number;
  /** Share of objectives and key results that reword another team's (planted duplicates); default 0.004. */
  duplicates?: number;
}

export interface GeneratedSheet {
  sheetId: string;
  name: string;
  values: unknown[][];
}

export interface GeneratedOrg {
  sheets: GeneratedSheet[];
  /** Planted duplicates as ID pairs [original, reworded]; both in cycle `cycle`, in teams of one language. */
  planted: [string, string][];
  cycle: string;
  asOf: string;
}

/** The threshold a planted pair must reach by the product's own measure (the default duplicate cut). */
export const PLANTED_SIMILARITY = 0.45;

// ---------------------------------------------------------------------------------------------
// Words

/** Common business words, "en|sv|nb", most common first (drawn Zipf-like). */
const BUSINESS_WORDS = `customer|kund|kunde
revenue|intäkt|inntekt
churn|kundbortfall|frafall
onboarding|introduktion|opplæring
retention|lojalitet|lojalitet
pipeline|säljtratt|salgstrakt
enterprise|storkund|storkunde
conversion|konvertering|konvertering
support|support|brukerstøtte
product|produkt|produkt
release|lansering|lansering
quality|kvalitet|kvalitet
delivery|leverans|leveranse
cost|kostnad|kostnad
margin|marginal|margin
partner|partner|partner
market|marknad|marked
pricing|prissättning|prising
subscription|prenumeration|abonnement
renewal|förnyelse|fornyelse
activation|aktivering|aktivering
engagement|engagemang|engasjement
satisfaction|nöjdhet|tilfredshet
feedback|återkoppling|tilbakemelding
ticket|ärende|sak
backlog|backlogg|etterslep
latency|svarstid|svartid
uptime|drifttid|oppetid
incident|incident|hendelse
security|säkerhet|sikkerhet
compliance|regelefterlevnad|etterlevelse
audit|revision|revisjon
hiring|rekrytering|rekruttering
talent|talang|talent
training|utbildning|opplæringsprogram
wellbeing|välmående|trivsel
sickleave|sjukfrånvaro|sykefravær
warehouse|lager|lager
logistics|logistik|logistikk
supplier|leverantör|leverandør
inventory|lagersaldo|varebeholdning
forecast|prognos|prognose
budget|budget|budsjett
invoice|faktura|faktura
payment|betalning|betaling
billing|fakturering|fakturering
checkout|kassa|kasse
mobile|mobil|mobil
app|app|app
website|webbplats|nettsted
search|sökning|søk
analytics|analys|analyse
dashboard|instrumentpanel|dashbord
data|data|data
platform|plattform|plattform
infrastructure|infrastruktur|infrastruktur
cloud|moln|sky
hosting|drift|drifting
migration|migrering|migrering
automation|automatisering|automatisering
testing|testning|testing
deployment|driftsättning|utrulling
developer|utvecklare|utvikler
productivity|produktivitet|produktivitet
documentation|dokumentation|dokumentasjon
api|api|api
integration|integration|integrasjon
signup|registrering|registrering
trial|provperiod|prøveperiode
upsell|merförsäljning|mersalg
expansion|expansion|ekspansjon
region|region|region
nordics|norden|norden
sweden|sverige|sverige
norway|norge|norge
denmark|danmark|danmark
finland|finland|finland
campaign|kampanj|kampanje
brand|varumärke|merkevare
awareness|kännedom|kjennskap
content|innehåll|innhold
newsletter|nyhetsbrev|nyhetsbrev
event|evenemang|arrangement
lead|lead|lead
demo|demo|demo
contract|avtal|avtale
sales|försäljning|salg
account|konto|konto
pilot|pilot|pilot
accessibility|tillgänglighet|tilgjengelighet
design|design|design
research|forskning|forskning
interview|intervju|intervju
experiment|experiment|eksperiment
growth|tillväxt|vekst
funnel|tratt|trakt
referral|rekommendation|anbefaling
loyalty|kundklubb|kundeklubb
store|butik|butikk
shipping|frakt|frakt
returns|returer|returer
fraud|bedrägeri|svindel
risk|risk|risiko
energy|energi|energi
emissions|utsläpp|utslipp
sustainability|hållbarhet|bærekraft
waste|avfall|avfall
office|kontor|kontor
travel|resor|reiser
procurement|inköp|innkjøp
legal|juridik|juss
privacy|integritet|personvern
gdpr|gdpr|gdpr
reporting|rapportering|rapportering
finance|ekonomi|økonomi
cash|kassaflöde|kontantstrøm
payroll|lön|lønn
benefits|förmåner|goder
culture|kultur|kultur
leadership|ledarskap|lederskap
mentoring|mentorskap|mentorskap
diversity|mångfald|mangfold
recruitment|anställning|ansettelse
employer|arbetsgivare|arbeidsgiver
speed|hastighet|hastighet
reliability|tillförlitlighet|pålitelighet
performance|prestanda|ytelse
scalability|skalbarhet|skalerbarhet
monitoring|övervakning|overvåking
alerting|larm|varsling
onCall|jour|vakt
catalog|katalog|katalog
marketplace|marknadsplats|markedsplass
localisation|lokalisering|lokalisering
translation|översättning|oversettelse
chat|chatt|chat
email|epost|epost
notification|avisering|varsel
report|rapport|rapport
survey|enkät|undersøkelse
nps|nps|nps
community|gemenskap|fellesskap
forum|forum|forum
education|utbildningsportal|opplæringsportal
certification|certifiering|sertifisering
hardware|hårdvara|maskinvare
device|enhet|enhet
firmware|firmware|fastvare
factory|fabrik|fabrikk
production|produktion|produksjon
maintenance|underhåll|vedlikehold
safety|arbetsmiljö|arbeidsmiljø`
  .split("\n")
  .map((line) => line.split("|") as [string, string, string]);

const LANGUAGE_INDEX: Record<Language, number> = { en: 0, sv: 1, nb: 2 };

/** Direction verbs (stop words for the duplicate search) and other verbs that start titles. */
const OBJECTIVE_VERBS: Record<Language, readonly string[]> = {
  en: ["Increase", "Improve", "Grow", "Reduce", "Make", "Deliver", "Strengthen", "Simplify"],
  sv: ["Öka", "Förbättra", "Minska", "Stärka", "Förenkla", "Leverera"],
  nb: ["Øke", "Forbedre", "Redusere", "Styrke", "Forenkle", "Levere"],
};
const KR_VERBS: Record<Language, readonly string[]> = {
  en: ["Raise", "Cut", "Increase", "Reduce", "Lift", "Grow"],
  sv: ["Höj", "Sänk", "Öka", "Minska", "Lyft"],
  nb: ["Løft", "Senk", "Øke", "Redusere", "Hev"],
};
const TASK_VERBS: Record<Language, readonly string[]> = {
  en: ["Launch", "Ship", "Complete", "Roll out"],
  sv: ["Lansera", "Införa", "Slutföra"],
  nb: ["Lansere", "Innføre", "Fullføre"],
};
const CONNECTORS: Record<Language, { and: string; for: string; from: string; to: string }> = {
  en: { and: "and", for: "for", from: "from", to: "to" },
  sv: { and: "och", for: "för", from: "från", to: "till" },
  nb: { and: "og", for: "for", from: "fra", to: "til" },
};
/** Plural or definite endings the duplicate search's stemmer joins with the bare word. */
const INFLECTIONS: Record<Language, readonly string[]> = { en: ["s"], sv: ["er", "en"], nb: ["er", "en"] };

const SYLLABLES = "ka lo mi re su ta ve no pi da fe gu ho ji ly ra be so tu ni".split(" ");
/** Product, system and market names: capitalised made-up words, distinct for the first 6,000. */
const NAMES = Array.from({ length: 6_000 }, (_, i) => {
  const s = SYLLABLES.length;
  const word = SYLLABLES[i % s]! + SYLLABLES[Math.floor(i / s) % s]! + SYLLABLES[Math.floor(i / s / s) % s]!;
  return word[0]!.toUpperCase() + word.slice(1);
});

// ---------------------------------------------------------------------------------------------
// Randomness: a seeded generator, so every run of the bench and the test sees the same organisation.

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

/** Zipf-like ranks (exponent 0.7): the first words are much more common than the last. */
function zipfTable(size: number): Float64Array {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let rank = 0; rank < size; rank++) {
    sum += 1 / (rank + 1) ** 0.7;
    cumulative[rank] = sum;
  }
  for (let rank = 0; rank < size; rank++) cumulative[rank]! /= sum;
  return cumulative;
}
const BUSINESS_ZIPF = zipfTable(BUSINESS_WORDS.length);

function zipfPick(random: Random): number {
  const x = random.next();
  let low = 0;
  let high = BUSINESS_ZIPF.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (BUSINESS_ZIPF[middle]! < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

// ---------------------------------------------------------------------------------------------
// Titles: a list of content words (business words and names) rendered with verbs and connectors.

interface TitleWords {
  words: string[];
  numbers: [number, number] | null;
}

function contentWords(random: Random, vocabulary: VocabularyName, language: Language, kind: RowType) {
  const business = (count: number) => {
    const picked = new Set<number>();
    while (picked.size < count) picked.add(zipfPick(random));
    return [...picked].map((index) => BUSINESS_WORDS[index]![LANGUAGE_INDEX[language]]!);
  };
  const names = (count: number) => Array.from({ length: count }, () => random.pick(NAMES));
  const objective = kind === "objective";
  if (vocabulary === "names") return names(objective ? 2 + random.int(2) : 2);
  if (vocabulary === "mixed") return [...business(1 + random.int(2)), ...names(1 + random.int(2))];
  return business(objective ? 4 + random.int(3) : 3 + random.int(3));
}

function renderTitle(random: Random, language: Language, kind: RowType, title: TitleWords): string {
  const c = CONNECTORS[language];
  const words = title.words;
  if (kind === "objective") {
    const verb = random.pick(OBJECTIVE_VERBS[language]);
    const middle =
      words.length >= 3
        ? `${words.slice(0, -1).join(" ")} ${c.for} ${words[words.length - 1]}`
        : words.join(` ${c.and} `);
    return `${verb} ${middle}`;
  }
  if (kind === "kpi") return `${words.join(" ")} (${language === "en" ? "weekly" : "vecka"})`;
  // A key result without numbers is a milestone or done/not done, often written as a task.
  if (title.numbers === null) return `${random.pick(TASK_VERBS[language])} ${words.join(" ")}`;
  const verb = random.pick(KR_VERBS[language]);
  const [from, to] = title.numbers;
  return `${verb} ${words.join(" ")} ${c.from} ${from} ${c.to} ${to}`;
}

/** Another team's wording of the same work: words shuffled, one inflected, sometimes one dropped or added. */
function reword(
  random: Random,
  vocabulary: VocabularyName,
  language: Language,
  source: TitleWords,
): TitleWords {
  const words = random.shuffle([...source.words]);
  const inflect = random.int(words.length);
  if (/^\p{Ll}+$/u.test(words[inflect]!) && words[inflect]!.length >= 4)
    words[inflect] += random.pick(INFLECTIONS[language]);
  if (words.length >= 4 && random.chance(0.3)) words.pop();
  else if (random.chance(0.2))
    words.push(...contentWords(random, vocabulary, language, "key_result").slice(0, 1));
  // The same baseline and target when both read them from the same data; else their own numbers.
  const numbers: [number, number] | null =
    source.numbers && random.chance(0.5) ? [10 + random.int(90_000), 0] : source.numbers;
  if (numbers && numbers !== source.numbers) numbers[1] = numbers[0] + 1 + random.int(5_000);
  return { words, numbers };
}

// ---------------------------------------------------------------------------------------------
// Rows, as a team writes them.

/** What one row says, before it is written in the team's language and layout. */
interface PlannedRow {
  id: string;
  type: RowType;
  title: string;
  objective: string;
  alignsTo: string;
  contributesTo: string;
  level: "company" | "team" | "individual" | "";
  team: string;
  owner: string;
  cycle: string;
  start: number | null;
  target: number | null;
  current: number | string | null;
  unit: string;
  krType: KrType | "";
  weight: number | null;
  confidence: number | null;
  kpiKind: "leading" | "lagging" | "";
  notes: string;
}

/** Every column, in canonical order (a few optional ones are left out per team). */
const WRITTEN_COLUMNS: readonly ColumnKey[] = COLUMN_KEYS.filter((key) => !ON_DEMAND_COLUMNS.has(key));
const OPTIONAL_COLUMNS: ReadonlySet<ColumnKey> = new Set([
  "contributesTo",
  "unit",
  "confidence",
  "notes",
  "kpiKind",
]);

const TEAM_NAMES =
  "Sales Success Support Platform Payments Growth Brand People Finance Legal Data Mobile Web Ops Logistics Security".split(
    " ",
  );

function teamLanguage(team: number): Language {
  return team % 5 === 3 ? "sv" : team % 5 === 4 ? "nb" : "en";
}

/** A number as this team's people type it when they type it as text. */
function textNumber(random: Random, value: number, language: Language): string {
  const [whole, fraction] = Math.abs(value)
    .toFixed(value % 1 === 0 ? 0 : 1)
    .split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, language === "en" ? "," : "\u00a0");
  const decimal = fraction ? `${language === "en" ? "." : ","}${fraction}` : "";
  const text = `${value < 0 ? "-" : ""}${grouped}${decimal}`;
  return random.chance(0.3) ? ` ${text} ` : text;
}

export function generateOrg(spec: OrgSpec): GeneratedOrg {
  const random = new Random(spec.seed ?? 20261122);
  const dirty = spec.dirty ?? 0;
  const duplicateShare = spec.duplicates ?? 0.004;
  const perTeam = Math.max(1, Math.floor(spec.rows / spec.teams));
  const cycle = "2026-Q4";
  const planted: [string, string][] = [];
  /** Titles written so far, per language and kind, that planted duplicates may reword. */
  const sources: Record<string, { id: string; words: TitleWords; text: string }[]> = {};
  const companyObjectives: { id: string; cycle: string }[] = [];
  const otherTeamsObjectives: string[] = [];
  const sheets: GeneratedSheet[] = [];

  for (let team = 0; team < spec.teams; team++) {
    const language = teamLanguage(team);
    const teamName = team === 0 ? "Company" : `${TEAM_NAMES[team % TEAM_NAMES.length]} ${team}`;
    const owners = Array.from(
      { length: 6 },
      (_, i) => `${["Ann", "Bo", "Cy", "Dana", "Eli", "Fay"][i]} ${team}`,
    );
    const rows: PlannedRow[] = [];
    const sourcesBefore = Object.fromEntries(
      Object.entries(sources).map(([key, list]) => [key, list.length]),
    );
    const ownObjectives: string[] = [];
    const individualObjectives: string[] = [];
    /** An objective aligned to the next one, which then aligns back: a loop. */
    let pendingLoop = "";
    let lastKeyResult = "";
    let objectiveCount = 0;
    let krCount = 0;
    let kpiCount = 0;
    const base = (): PlannedRow => ({
      id: "",
      type: "objective",
      title: "",
      objective: "",
      alignsTo: "",
      contributesTo: "",
      level: "",
      team: "",
      owner: "",
      cycle: "",
      start: null,
      target: null,
      current: null,
      unit: "",
      krType: "",
      weight: null,
      confidence: null,
      kpiKind: "",
      notes: "",
    });
    const title = (kind: RowType, id: string, inCycle: boolean, measured = true): string => {
      const key = `${language}:${kind}`;
      const pool = sources[key] ?? [];
      const others = sourcesBefore[key] ?? 0; // the titles of teams written before this one
      if (inCycle && kind !== "kpi" && others > 0 && random.chance(duplicateShare)) {
        // The same work written down again by this team, in its own words.
        for (let attempt = 0; attempt < 20; attempt++) {
          const source = pool[others - 1 - random.int(Math.min(others, 500))]!;
          const words = reword(random, spec.vocabulary, language, source.words);
          const text = renderTitle(random, language, kind, words);
          if (similarity(text, source.text) < PLANTED_SIMILARITY) continue;
          planted.push([source.id, id]);
          return text;
        }
      }
      const words: TitleWords = {
        words: contentWords(random, spec.vocabulary, language, kind),
        numbers: kind === "key_result" && measured ? [10 + random.int(90_000), 0] : null,
      };
      if (words.numbers) words.numbers[1] = words.numbers[0] + 1 + random.int(5_000);
      const text = renderTitle(random, language, kind, words);
      if (inCycle && kind !== "kpi") {
        const entry = { id, words, text };
        if (sources[key]) sources[key]!.push(entry);
        else sources[key] = [entry];
      }
      return text;
    };

    while (rows.length < perTeam) {
      const objectiveId = `T${team}-O${++objectiveCount}`;
      const level = team === 0 ? "company" : random.chance(0.15) ? "individual" : "team";
      const objectiveCycle =
        team === 0 && random.chance(0.3) ? "2026" : random.chance(0.1) ? "2026-Q3" : cycle;
      let alignsTo = "";
      if (level === "team" && companyObjectives.length > 0 && !random.chance(0.06))
        alignsTo = random.pick(companyObjectives).id;
      else if (level === "individual" && ownObjectives.length > 0) alignsTo = random.pick(ownObjectives);
      if (dirty > 0) {
        // The alignment mistakes people make: unknown IDs, loops, itself, pointing downward.
        // (Each chance() draws anew, so no branch below repeats another.)
        if (pendingLoop) alignsTo = pendingLoop;
        else if (random.chance(dirty / 4)) alignsTo = `T${team}-O${objectiveCount + 1000}`;
        // biome-ignore lint/suspicious/noDuplicateElseIf: chance() draws a new number each time
        else if (team > 0 && random.chance(dirty / 4)) alignsTo = `T${team}-O${objectiveCount + 1}`;
        else if (random.chance(dirty / 10)) alignsTo = objectiveId;
        // biome-ignore lint/suspicious/noDuplicateElseIf: chance() draws a new number each time
        else if (lastKeyResult && random.chance(dirty / 10)) alignsTo = lastKeyResult;
        // biome-ignore lint/suspicious/noDuplicateElseIf: chance() draws a new number each time
        else if (level === "team" && individualObjectives.length > 0 && random.chance(dirty / 4))
          alignsTo = random.pick(individualObjectives);
        pendingLoop = alignsTo === `T${team}-O${objectiveCount + 1}` ? objectiveId : "";
      }
      let contributesTo =
        otherTeamsObjectives.length > 0 && random.chance(0.05)
          ? [random.pick(otherTeamsObjectives), random.pick(otherTeamsObjectives)].join(
              random.chance(0.5) ? ", " : "; ",
            )
          : "";
      if (dirty > 0 && random.chance(dirty / 10)) contributesTo = `${contributesTo}, X-${objectiveCount}`;
      rows.push({
        ...base(),
        id: objectiveId,
        type: "objective",
        title: title("objective", objectiveId, objectiveCycle === cycle),
        alignsTo,
        contributesTo,
        level,
        team: teamName,
        owner: random.pick(owners),
        cycle: objectiveCycle,
        weight: random.chance(0.1) ? 2 : null,
      });
      ownObjectives.push(objectiveId);
      if (level === "individual") individualObjectives.push(objectiveId);
      if (team === 0) companyObjectives.push({ id: objectiveId, cycle: objectiveCycle });
      const krs = random.chance(0.05) ? 0 : random.chance(0.05) ? 6 : 2 + random.int(3);
      const krIds: string[] = [];
      for (let k = 0; k < krs && rows.length < perTeam; k++) {
        const id = `T${team}-KR${++krCount}`;
        krIds.push(id);
        lastKeyResult = id;
        const krType: KrType = random.chance(0.8)
          ? "numeric"
          : random.pick(["percent", "binary", "milestone"] as const);
        const text = title("key_result", id, objectiveCycle === cycle, krType !== "binary");
        let start: number | null = null;
        let target: number | null = null;
        let current: number | string | null = null;
        if (krType === "numeric") {
          start = random.int(500);
          target = random.chance(0.05) ? null : random.chance(0.1) ? start : start + 10 + random.int(2_000);
          current = random.chance(0.2) ? null : start + random.int(2_500);
        } else if (krType === "percent") {
          start = random.int(50) / 100;
          target = start + (10 + random.int(40)) / 100;
          current = random.chance(0.2) ? null : start + random.int(60) / 100;
        } else if (krType === "binary") {
          current = random.pick([null, "yes", "no", "ja", "nei", 1, 0]);
        } else {
          target = 2 + random.int(5);
          current = random.chance(0.3) ? null : random.int(target + 1);
        }
        rows.push({
          ...base(),
          id,
          type: "key_result",
          title: text,
          // A key result under another key result, or with an objective's alignment: mistakes people make.
          objective: dirty > 0 && krIds.length > 1 && random.chance(dirty / 10) ? krIds[0]! : objectiveId,
          alignsTo:
            dirty > 0 && companyObjectives.length > 0 && random.chance(dirty / 10)
              ? random.pick(companyObjectives).id
              : "",
          owner: random.chance(0.05) ? "" : random.pick(owners),
          start,
          target,
          current,
          unit: krType === "percent" ? "%" : random.chance(0.2) ? "kr" : "",
          krType: krType === "numeric" && random.chance(0.7) ? "" : krType,
          weight:
            dirty > 0 && random.chance(dirty / 10)
              ? -1
              : random.chance(0.1)
                ? 2
                : random.chance(0.02)
                  ? 0
                  : null,
          confidence: random.chance(0.2) ? random.int(11) / 10 : null,
        });
      }
      const kpis = random.int(3);
      for (let k = 0; k < kpis && rows.length < perTeam; k++) {
        const id = `T${team}-K${++kpiCount}`;
        rows.push({
          ...base(),
          id,
          type: "kpi",
          title: title("kpi", id, false),
          objective: krIds.length > 0 && random.chance(0.3) ? random.pick(krIds) : objectiveId,
          current: random.int(1_000),
          kpiKind: random.chance(0.4) ? "leading" : random.chance(0.7) ? "lagging" : "",
        });
      }
    }
    for (const id of ownObjectives) if (team > 0) otherTeamsObjectives.push(id);
    const plantedIds = new Set(planted.flat());
    sheets.push(writeSheet(random, team, teamName, language, rows, dirty, plantedIds));
  }
  return { sheets, planted, cycle, asOf: "2026-11-22" };
}

/** The team's sheet as getValues returns it: header words, column order and cell types as people write. */
function writeSheet(
  random: Random,
  team: number,
  name: string,
  language: Language,
  rows: PlannedRow[],
  dirty: number,
  planted: ReadonlySet<string>,
): GeneratedSheet {
  let columns = WRITTEN_COLUMNS.filter((key) => !OPTIONAL_COLUMNS.has(key) || random.chance(0.7));
  if (team % 4 === 2) columns = random.shuffle([...columns]);
  const header = columns.map((key) => {
    const aliases = COLUMN_ALIASES[key][language];
    return team % 3 === 1 ? aliases[aliases.length - 1]! : aliases[0]!;
  });
  const extra = team % 6 === 5; // a column of the team's own, kept untouched
  const values: unknown[][] = [];
  if (team % 7 === 6) values.push([`${name} OKRs`], []); // a title above the header
  values.push(extra ? [...header, "Budget owner"] : header);
  const dirtyNumber = (value: number | null): unknown => {
    if (value === null || dirty === 0 || !random.chance(dirty)) return value ?? "";
    const roll = random.next();
    if (roll < 0.1) return random.pick(["#REF!", "#N/A", "#DIV/0!"]);
    if (roll < 0.15) return "about ten";
    if (roll < 0.4 && value > 0 && value < 1) return `${Math.round(value * 100)}%`;
    return textNumber(random, value, language);
  };
  const word = (kind: "type" | "level" | "krType" | "kpiKind", value: string): string => {
    if (!value) return "";
    if (dirty > 0 && random.chance(dirty / 10)) return `${value}x`; // unknown word
    const written = valueLabel(kind, value, language);
    return dirty > 0 && random.chance(dirty) ? ` ${written.toUpperCase()} ` : written;
  };
  let previousId = "";
  for (const row of rows) {
    let id: string = row.id;
    if (dirty > 0 && row.type === "kpi" && random.chance(dirty))
      id = ""; // not set up yet
    else if (dirty > 0 && row.type === "kpi" && random.chance(dirty / 4) && previousId) id = previousId;
    else if (dirty > 0 && row.type === "kpi" && team > 0 && random.chance(dirty / 8)) id = `T${team - 1}-K1`;
    previousId = row.id;
    const cells: Record<ColumnKey, unknown> = {
      id,
      type: dirty > 0 && random.chance(dirty / 20) ? "" : word("type", row.type),
      title: dirty > 0 && !planted.has(row.id) && random.chance(dirty / 10) ? "#REF!" : row.title,
      objective: row.objective,
      alignsTo: row.alignsTo,
      contributesTo: row.contributesTo,
      level: word("level", row.level),
      team: row.type === "objective" ? row.team : random.chance(0.1) ? row.team : "",
      owner: row.owner,
      cycle: dirty > 0 && row.type === "objective" && random.chance(dirty / 5) ? "Q5 2026" : row.cycle,
      start: dirtyNumber(row.start),
      target: dirtyNumber(row.target),
      current: typeof row.current === "string" ? row.current : dirtyNumber(row.current),
      unit: row.unit,
      krType: word("krType", row.krType),
      weight: dirtyNumber(row.weight),
      confidence: dirtyNumber(row.confidence),
      kpiKind: word("kpiKind", row.kpiKind),
      notes: random.chance(0.05) ? "Checked with finance" : "",
      progress: "",
      expected: "",
      status: "",
      ownerStatus: "",
      grade: "",
    };
    const line = columns.map((key) => cells[key]);
    values.push(extra ? [...line, random.chance(0.5) ? "Ann" : ""] : line);
    if (random.chance(0.01)) values.push(columns.map(() => "")); // a blank row between blocks
  }
  return { sheetId: `sheet-${team}`, name, values };
}
