// The owner's word on the API and the dashboard, through app.request(): rows synced with an Owner status keep
// it (stored, summarised, unchanged rows still stubs), the rollup's nodes and key results show it with the pace
// beside, the insights list where pace and owner disagree, and the objective page shows both where they differ,
// in English, Swedish and Norwegian.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow, RollupNode } from "../../shared/model.js";
import { caller } from "../../test/api/client.js";
import { objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";
import { dashboardPage } from "../../test/support/dashboard-session.js";
import { readModelDisagreements } from "../../test/support/read-model-check.js";
import { DEFAULT_CONFIG } from "../app/config.js";

// 2026-11-10: 40 of Q4's 92 days, expected 0.43.
const clock = new Date("2026-11-10T12:00:00Z");
let env: Awaited<ReturnType<typeof startTestApp>>;
let readerKey: string;
let adminKey: string;
let orgId: string;
let api: ReturnType<typeof caller>;
let revision = 0;

const rows: OkrRow[] = [
  // Own progress (0.5 + 0.1 + 0.45) / 3 = 0.35: on track by the pace; its owner says at risk.
  objective("S-1", { title: "Win more mid-market deals", ownerStatus: "at_risk", row: 2 }),
  // On track by the pace, off track by its owner.
  okrRow("S-1-KR1", {
    objectiveId: "S-1",
    title: "Close 40 deals",
    current: 50,
    ownerStatus: "off_track",
    row: 3,
  }),
  // Off track by the pace; no word, a confident owner: the confidence rule.
  okrRow("S-1-KR2", { objectiveId: "S-1", title: "Ten partner deals", current: 10, confidence: 0.9, row: 4 }),
  // The owner's word is the pace's: no disagreement.
  okrRow("S-1-KR3", {
    objectiveId: "S-1",
    title: "Renew 45 contracts",
    current: 45,
    ownerStatus: "on_track",
    row: 5,
  }),
  objective("S-2", { title: "Hire two sellers", row: 6 }),
  okrRow("S-2-KR1", { objectiveId: "S-2", title: "Two signed offers", current: 50, row: 7 }),
];

async function page(path: string): Promise<string> {
  const html = await dashboardPage((request) => env.app.request(request), "http://okr.test", readerKey, path);
  // The page's text with the apostrophe as written ("owner's word"; HTML escapes it as &#39;).
  return html.replaceAll("&#39;", "'");
}

/** The table row (<tr>…</tr>) of the page that holds `text`. */
function tableRow(html: string, text: string): string {
  const at = html.indexOf(text);
  expect(at, text).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<tr>", at), html.indexOf("</tr>", at));
}

beforeAll(async () => {
  env = await startTestApp({ now: () => clock });
  ({ adminKey, orgId } = await createOrg(env.store, "Acme", clock));
  api = caller((req) => env.app.request(req));
  readerKey = await api.createKey(adminKey, { role: "reader" });
  const res = await api.sync("sales", adminKey, {
    baseRevision: 0,
    name: "Sales",
    rows: rows.map((row) => ({ ...row, hash: rowHash(row) })),
  });
  expect(res.status, res.text).toBe(200);
  revision = res.json.revision;
});
afterAll(() => env?.close());

describe("the owner's word through the API", () => {
  it("is stored with the rows that have one, and rows without one come back without it", async () => {
    const sheet = await api.get("/v1/sheets/sales", readerKey);
    expect(sheet.status).toBe(200);
    const stored = new Map<string, OkrRow & { hash: string }>(
      sheet.json.rows.map((row: OkrRow & { hash: string }) => [row.id, row]),
    );
    expect([...stored.values()].map((row) => [row.id, row.ownerStatus ?? null])).toEqual(
      rows.map((row) => [row.id, row.ownerStatus ?? null]),
    );
    expect("ownerStatus" in stored.get("S-2")!).toBe(false);
    for (const row of rows) expect(stored.get(row.id)!.hash, row.id).toBe(rowHash(row));
    // The next sync sends every row as a stub: nothing is written again.
    const again = await api.sync("sales", adminKey, {
      baseRevision: revision,
      name: "Sales",
      rows: rows.map((row) => ({ id: row.id, hash: rowHash(row) })),
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ written: 0, unchanged: rows.length });
    // The summaries hold the words too: the read model's rollup is the one from every row.
    const deps = { store: env.store, now: () => clock, config: DEFAULT_CONFIG };
    expect(await readModelDisagreements(deps, orgId, "2026-11-10")).toEqual([]);
    const { summaries } = await env.store.readSummaries(orgId);
    const summarised = [...summaries[0]!.cycles.values()].flat();
    expect(summarised.map((row) => [row.id, row.ownerStatus ?? null])).toEqual(
      rows.map((row) => [row.id, row.ownerStatus ?? null]),
    );
  });

  it("is the rollup's status, the pace beside it, and the insights list where they disagree", async () => {
    const res = await api.get("/v1/rollup?cycle=2026-Q4", readerKey);
    expect(res.status, res.text).toBe(200);
    const nodes = new Map<string, RollupNode>(res.json.roots.map((node: RollupNode) => [node.id, node]));
    expect(nodes.get("S-1")).toMatchObject({
      status: "at_risk",
      paceStatus: "on_track",
      ownerStatus: "at_risk",
    });
    expect(nodes.get("S-2")).toMatchObject({ status: "on_track", paceStatus: "on_track", ownerStatus: null });
    const { disagreements, atRisk } = res.json.insights;
    expect(
      disagreements.map((kr: Record<string, unknown>) => [kr.id, kr.status, kr.paceStatus, kr.ownerStatus]),
    ).toEqual([
      ["S-1-KR1", "off_track", "on_track", "off_track"],
      ["S-1-KR2", "off_track", "off_track", null],
    ]);
    expect(atRisk.map((kr: { id: string }) => kr.id).sort()).toEqual(["S-1-KR1", "S-1-KR2"]);
  });
});

describe("the owner's word on the dashboard", () => {
  it("the objective page shows the owner's word with the pace beside where they differ, in en, sv and nb", async () => {
    const said = {
      en: {
        at_risk: "At risk",
        off_track: "Off track",
        on_track: "On track",
        beside: "owner's word; pace: On track",
      },
      sv: {
        at_risk: "I riskzonen",
        off_track: "Efter plan",
        on_track: "Enligt plan",
        beside: "ägarens bedömning; takt: Enligt plan",
      },
      nb: {
        at_risk: "I faresonen",
        off_track: "Bak plan",
        on_track: "I rute",
        beside: "eierens vurdering; tempo: I rute",
      },
    } as const;
    for (const language of ["en", "sv", "nb"] as const) {
      const words = said[language];
      const html = await page(`/dashboard/objective?id=S-1&lang=${language}`);
      const headline = html.slice(
        html.indexOf('<div class="headline">'),
        html.indexOf("</div>", html.indexOf('<div class="headline">')),
      );
      expect(headline, language).toContain(words.at_risk);
      expect(headline, language).toContain(words.beside);
      const overridden = tableRow(html, "Close 40 deals");
      expect(overridden, language).toContain(words.off_track);
      expect(overridden, language).toContain(words.beside);
      // The owner's word equals the pace: one status, nothing beside it.
      const agrees = tableRow(html, "Renew 45 contracts");
      expect(agrees, language).toContain(words.on_track);
      expect(agrees, language).not.toContain('class="pace"');
      // No word: the pace alone.
      expect(tableRow(html, "Ten partner deals"), language).not.toContain('class="pace"');
      expect(html.match(/class="pace"/g), language).toHaveLength(2);
    }
    const other = await page("/dashboard/objective?id=S-2");
    expect(other).not.toContain('class="pace"');
  });

  it("the tree shows the owner's word, and the insights list the disagreements with pace and confidence beside", async () => {
    const tree = await page("/dashboard/tree?cycle=2026-Q4");
    const card = tree.slice(tree.indexOf("Win more mid-market deals"));
    expect(card.slice(0, card.indexOf("</a>"))).toContain("At risk");
    const insights = await page("/dashboard/insights?cycle=2026-Q4");
    const section = insights.slice(insights.indexOf('id="disagreements"'));
    expect(section).toContain("Key results where pace and owner disagree");
    const overridden = tableRow(section, "Close 40 deals");
    expect(overridden).toContain("Off track");
    expect(overridden).toContain("owner's word; pace: On track");
    const confident = tableRow(section, "Ten partner deals");
    expect(confident).toContain("conf. 90");
    expect(confident).not.toContain('class="pace"');
    expect(section.slice(0, section.indexOf("</section>"))).not.toContain("Renew 45 contracts");
    // The review meeting's agenda: off track by the owner's word, the pace and the confidence beside.
    const meeting = await page("/dashboard/meeting");
    const item = (title: string) => {
      const at = meeting.indexOf(title);
      expect(at, title).toBeGreaterThan(-1);
      return meeting.slice(at, meeting.indexOf("</p>", at));
    };
    expect(item("Close 40 deals")).toContain("owner's word; pace: On track");
    expect(item("Ten partner deals")).toContain("conf. 90");
    const sv = await page("/dashboard/insights?cycle=2026-Q4&lang=sv");
    expect(sv).toContain("Nyckelresultat där takten och ägaren inte är överens");
  });
});
