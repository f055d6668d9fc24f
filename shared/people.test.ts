import { describe, expect, it } from "vitest";
import { okrRow } from "../test/api/rows.js";
import {
  indexPeople,
  isEmail,
  nameKey,
  ownerNames,
  ownerProblems,
  ownersOf,
  type Person,
  parsePerson,
  resolveOwner,
} from "./people.js";

const people: Person[] = [
  { email: "asa.overgard@example.se", name: "Åsa Øvergård", team: "Sälj", role: "reader", leader: false },
  { email: "ola@example.no", name: "Ola Nordmann", team: "Økonomi", role: "reader", leader: true },
  { email: "ola.n@example.no", name: "Ola Nordmann", team: "Drift", role: "reader", leader: false },
  { email: "bo@example.com", name: "Bo", team: "Ops", role: "admin", leader: false },
];
const index = indexPeople(people);

describe("owners resolve to people", () => {
  it("by e-mail whatever the case and padding, by name whatever the case, spacing or Unicode form", () => {
    expect(resolveOwner("  ASA.Overgard@Example.SE ", index)).toMatchObject({
      kind: "person",
      person: { name: "Åsa Øvergård" },
    });
    expect(resolveOwner("åsa   ØVERGÅRD", index)).toMatchObject({
      kind: "person",
      person: { email: "asa.overgard@example.se" },
    });
    // the same name composed differently (A + combining ring)
    expect(resolveOwner("A\u030asa \u00d8verg\u00e5rd", index)).toMatchObject({ kind: "person" });
    expect(resolveOwner("Bo <BO@example.com>", index)).toMatchObject({
      kind: "person",
      person: { email: "bo@example.com" },
    });
    expect(resolveOwner("Asa Overgard", index)).toEqual({ kind: "unknown", owner: "Asa Overgard" });
    const ambiguous = resolveOwner("ola nordmann", index);
    expect(ambiguous.kind).toBe("ambiguous");
  });

  it("reads several owners in one cell", () => {
    expect(ownerNames("Ada, Bo; Cy & Di")).toEqual(["Ada", "Bo", "Cy", "Di"]);
    expect(ownerNames("  ")).toEqual([]);
    expect(ownersOf("bo@example.com, Åsa Øvergård, Nobody", index).map((p) => p.email)).toEqual([
      "bo@example.com",
      "asa.overgard@example.se",
    ]);
  });

  it("lists unknown and ambiguous owners with the row, the column and what to do, in the sheet's language", () => {
    const sheet = {
      sheetId: "s1",
      name: "Sälj",
      rows: [
        okrRow("KR-1", { owner: "Åsa Øvergård", row: 3 }),
        okrRow("KR-2", { owner: "Zed, bo@example.com", row: 4 }),
        okrRow("KR-3", { owner: "Ola Nordmann", row: 5 }),
        okrRow("KR-4", { owner: "", row: 6 }),
      ],
    };
    const problems = ownerProblems([sheet], people, "sv");
    expect(problems.map((p) => [p.code, p.row, p.column, p.ids])).toEqual([
      ["unknown_owner", 4, "owner", ["KR-2"]],
      ["ambiguous_owner", 5, "owner", ["KR-3"]],
    ]);
    expect(problems[0]!.message).toBe(
      "Sälj rad 4 (KR-2), Ägare: 'Zed' finns inte i organisationens personlista. Lägg till personen (namn, e-post, team), eller skriv namnet eller e-postadressen som listan har dem.",
    );
    expect(problems[1]!.message).toContain("ola@example.no, ola.n@example.no");
    // no list yet: nothing is "unknown"
    expect(ownerProblems([sheet], [], "en")).toEqual([]);
  });

  it("checks a person typed into a form", () => {
    expect(
      parsePerson({ email: " Kari@Example.no ", name: "  Kari   Nordmann ", team: "Økonomi", leader: "on" }),
    ).toEqual({
      ok: true,
      person: {
        email: "kari@example.no",
        name: "Kari Nordmann",
        team: "Økonomi",
        role: "reader",
        leader: true,
      },
    });
    expect(parsePerson({ email: "kari", name: "Kari" })).toEqual({ ok: false, field: "email" });
    expect(parsePerson({ email: "k@x.no", name: "" })).toEqual({ ok: false, field: "name" });
    expect(parsePerson({ email: "k@x.no", name: "<script>" })).toEqual({ ok: false, field: "name" });
    expect(parsePerson({ email: "k@x.no", name: "K", role: "owner" })).toEqual({ ok: false, field: "role" });
    expect(isEmail("a@b.c")).toBe(true);
    expect(isEmail("a b@c.d")).toBe(false);
    expect(nameKey(" A  B ")).toBe("a b");
  });
});
