import { describe, expect, it } from "vitest";
import type { Person } from "../../shared/people.js";
import { mayRecordReview } from "./review-routes.js";

const person = (team: string, leader: boolean, role: Person["role"] = "reader"): Person => ({
  email: "p@example.com",
  name: "P",
  team,
  role,
  leader,
});
const session = (p: Person | null, role: "reader" | "admin" = "reader") => ({
  orgId: "o",
  keyId: p ? "" : "k",
  role,
  csrfToken: "c",
  tokenHash: "h",
  person: p,
});

describe("who may record a review meeting", () => {
  it("an admin any; a team's leader their team's and the organisation's; nobody else", () => {
    expect(mayRecordReview(session(null, "admin"), "Sales")).toBe(true);
    expect(mayRecordReview(session(null, "reader"), "Sales")).toBe(false);
    expect(mayRecordReview(session(person("Sales", true)), "Sales")).toBe(true);
    expect(mayRecordReview(session(person("Sales", true)), "")).toBe(true);
    expect(mayRecordReview(session(person("Sales", true)), "Ops")).toBe(false);
    expect(mayRecordReview(session(person("Sales", false)), "Sales")).toBe(false);
    expect(mayRecordReview(session(person("Ops", false, "admin"), "admin"), "Sales")).toBe(true);
  });
});
