// People, not keys: the organisation's people list, and owners in the sheet (names or e-mails) resolved to
// people. An owner nobody on the list answers to is a problem the team can fix (add the person, or write
// the name as the list has it); two people with one name make the name ambiguous (write the e-mail).
import { type Catalog, translate } from "./i18n.js";
import type { Language, Problem, SheetRows } from "./model.js";

export const PERSON_ROLES = ["reader", "admin"] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface Person {
  /** The normalised e-mail: a person is one address in one organisation. */
  email: string;
  name: string;
  team: string;
  /** What the person may do in the dashboard: read, or also manage people and settings. */
  role: PersonRole;
  /** Leads their team: gets the leaders' digest and reviews the team's draft OKRs. */
  leader: boolean;
}

export const PERSON_LIMITS = { email: 254, name: 200, team: 200 } as const;

/** Trimmed and lower-cased: addresses are compared without case (as every provider treats them). */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A plausible address (one @, a dot in the domain, no spaces); delivery is the proof. */
export function isEmail(text: string): boolean {
  return (
    text.length <= PERSON_LIMITS.email && /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(text)
  );
}

/** A name as compared: Unicode-normalised, case-folded, spaces collapsed ("åsa  ØVERGÅRD" = "Åsa Øvergård"). */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("und");
}

/**
 * The owners one cell names: "Ada", "ada@example.com", "Ada, Bo" or "Ada; Bo" (several people share a key
 * result). "Ada & Bo" is read as two people too.
 */
export function ownerNames(cell: string): string[] {
  return cell
    .split(/[,;]|\s&\s/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface PeopleIndex {
  byEmail: Map<string, Person>;
  byName: Map<string, Person[]>;
}

export function indexPeople(people: readonly Person[]): PeopleIndex {
  const byEmail = new Map<string, Person>();
  const byName = new Map<string, Person[]>();
  for (const person of people) {
    byEmail.set(normalEmail(person.email), person);
    const key = nameKey(person.name);
    if (!key) continue;
    const list = byName.get(key);
    if (list) list.push(person);
    else byName.set(key, [person]);
  }
  return { byEmail, byName };
}

export type OwnerResolution =
  | { kind: "person"; person: Person }
  | { kind: "unknown"; owner: string }
  | { kind: "ambiguous"; owner: string; people: Person[] };

/** One owner (a name or an e-mail, possibly "Name <e-mail>") to the person on the list. */
export function resolveOwner(owner: string, index: PeopleIndex): OwnerResolution {
  const bracketed = /<([^<>]+)>\s*$/.exec(owner)?.[1];
  const email = normalEmail(bracketed ?? owner);
  const byEmail = index.byEmail.get(email);
  if (byEmail) return { kind: "person", person: byEmail };
  const named = index.byName.get(nameKey(bracketed ? owner.slice(0, owner.lastIndexOf("<")) : owner)) ?? [];
  if (named.length === 1) return { kind: "person", person: named[0]! };
  if (named.length > 1) return { kind: "ambiguous", owner, people: named };
  return { kind: "unknown", owner };
}

/** The people a row's Owner cell names (unknown and ambiguous names left out). */
export function ownersOf(cell: string, index: PeopleIndex): Person[] {
  const found = new Map<string, Person>();
  for (const name of ownerNames(cell)) {
    const resolved = resolveOwner(name, index);
    if (resolved.kind === "person") found.set(resolved.person.email, resolved.person);
  }
  return [...found.values()];
}

export type PeopleProblemCode = "unknown_owner" | "ambiguous_owner";

const MESSAGES: Catalog<PeopleProblemCode> = {
  en: {
    unknown_owner:
      "{sheet} row {row} ({id}), Owner: '{owner}' is not on the organisation's people list. Add the person (name, e-mail, team), or write the name or e-mail as the list has it.",
    ambiguous_owner:
      "{sheet} row {row} ({id}), Owner: '{owner}' could be {people}. Write the e-mail instead of the name.",
  },
  sv: {
    unknown_owner:
      "{sheet} rad {row} ({id}), Ägare: '{owner}' finns inte i organisationens personlista. Lägg till personen (namn, e-post, team), eller skriv namnet eller e-postadressen som listan har dem.",
    ambiguous_owner:
      "{sheet} rad {row} ({id}), Ägare: '{owner}' kan vara {people}. Skriv e-postadressen i stället för namnet.",
  },
  nb: {
    unknown_owner:
      "{sheet} rad {row} ({id}), Eier: '{owner}' står ikke på organisasjonens personliste. Legg til personen (navn, e-post, team), eller skriv navnet eller e-postadressen slik listen har dem.",
    ambiguous_owner:
      "{sheet} rad {row} ({id}), Eier: '{owner}' kan være {people}. Skriv e-postadressen i stedet for navnet.",
  },
};

/**
 * Owners of objectives, key results and KPIs that resolve to nobody (or to more than one person). Only
 * checked once the organisation keeps a people list: before that every owner would be "unknown".
 */
export function ownerProblems(
  sheets: readonly SheetRows[],
  people: readonly Person[],
  language: Language = "en",
): Problem[] {
  if (people.length === 0) return [];
  const index = indexPeople(people);
  const problems: Problem[] = [];
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      for (const owner of ownerNames(row.owner)) {
        const resolved = resolveOwner(owner, index);
        if (resolved.kind === "person") continue;
        const params = {
          sheet: sheet.name || sheet.sheetId,
          row: row.row,
          id: row.id,
          owner,
          people: resolved.kind === "ambiguous" ? resolved.people.map((p) => p.email).join(", ") : "",
        };
        const code: PeopleProblemCode = resolved.kind === "unknown" ? "unknown_owner" : "ambiguous_owner";
        problems.push({
          code,
          severity: "warning",
          message: translate(MESSAGES, language, code, params),
          row: row.row,
          column: "owner",
          ids: [row.id],
          sheetId: sheet.sheetId,
        });
      }
    }
  }
  return problems;
}

const hasControl = (text: string) => [...text].some((char) => char.charCodeAt(0) < 32);

export type PersonInputError = "email" | "name" | "team" | "role";

/** Checks a person as typed into a form or the admin command; returns the normalised person or the bad field. */
export function parsePerson(input: {
  email?: unknown;
  name?: unknown;
  team?: unknown;
  role?: unknown;
  leader?: unknown;
}): { ok: true; person: Person } | { ok: false; field: PersonInputError } {
  const text = (value: unknown) => (typeof value === "string" ? value.normalize("NFC").trim() : "");
  const email = normalEmail(text(input.email));
  if (!isEmail(email)) return { ok: false, field: "email" };
  const name = text(input.name).replace(/\s+/g, " ");
  if (name.length === 0 || name.length > PERSON_LIMITS.name || hasControl(name) || /[<>]/.test(name))
    return { ok: false, field: "name" };
  const team = text(input.team);
  if (team.length > PERSON_LIMITS.team || hasControl(team)) return { ok: false, field: "team" };
  const role = input.role === undefined || input.role === "" ? "reader" : input.role;
  if (!PERSON_ROLES.includes(role as PersonRole)) return { ok: false, field: "role" };
  const leader = input.leader === true || input.leader === "true" || input.leader === "on";
  return { ok: true, person: { email, name, team, role: role as PersonRole, leader } };
}
