// `npm run admin -- import` on real (in-memory) dynalite, through the Hono app: a multi-tab workbook and
// CSV files in en/sv/nb (notes above the header, numbers typed as text, a formula's saved value, a
// checkbox, a finance tab), read back through the API; a second import changes nothing; an edited file
// updates its sheet; bad files (not a spreadsheet, 50 MB, zip bombs, no OKR header) say why in the
// user's language and store nothing.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startBackend, type TestBackend } from "../../test/support/api-server.js";
import { COMPANY_CSV, norwegianCsv, swedishExcelCsv, teamWorkbook } from "../../test/support/okr-files.js";
import { buildZip, deflateRepeated, xlsxBomb } from "../../test/support/zip.js";
import { runCommand, UsageError } from "../admin/commands.js";
import { createApp } from "../app/app.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { IMPORT_LIMITS } from "./limits.js";
import { sheetIdFor, slug } from "./plan.js";

const NOW = new Date("2026-11-24T10:30:00Z");
let backend: TestBackend;
let folder: string;

beforeAll(async () => {
  backend = await startBackend();
  folder = mkdtempSync(join(tmpdir(), "okr-import-"));
});
afterAll(async () => {
  await backend?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = any;

async function api(orgId: string, path: string): Promise<Json> {
  const { adminKey } = await keyFor(orgId);
  const app = createApp({ store: backend.store, now: () => NOW, config: DEFAULT_CONFIG });
  const response = await app.request(`http://okr.test${path}`, {
    headers: { Authorization: `Bearer ${adminKey}` },
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

const adminKeys = new Map<string, string>();
async function newOrg(name: string) {
  const { orgId, adminKey } = await createOrg(backend.store, name, NOW);
  adminKeys.set(orgId, adminKey);
  return orgId;
}
const keyFor = async (orgId: string) => ({ adminKey: adminKeys.get(orgId)! });

const importCli = (orgId: string, ...args: string[]) =>
  runCommand(backend.store, ["import", "--org", orgId, ...args], NOW);

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected the import to fail");
}

describe("sheet IDs from file and tab names", () => {
  it("are stable, readable, and the same for a workbook's tab and Google's CSV download of it", () => {
    expect(slug("Kundframgång – Q4 Økonomi")).toBe("kundframgang-q4-okonomi");
    expect(sheetIdFor("Sales OKRs.xlsx", "Q4")).toBe("sales-okrs-q4");
    expect(sheetIdFor("/downloads/Sales OKRs - Q4.csv", null)).toBe("sales-okrs-q4");
    expect(sheetIdFor("Sales OKRs (1).xlsx", "Q4")).toBe("sales-okrs-q4");
    expect(sheetIdFor("???.csv", null)).toMatch(/^sheet-[0-9a-f]{10}$/);
    expect(sheetIdFor("???.csv", null)).toBe(sheetIdFor("???.csv", null));
  });
});

describe("npm run admin -- import", () => {
  let orgId: string;
  let paths: string[];

  it("imports a multi-tab workbook and CSV files in en/sv/nb, each file or OKR tab a sheet", async () => {
    orgId = await newOrg("Import AB");
    paths = [
      write("company.csv", COMPANY_CSV),
      write("Team OKRs.xlsx", await teamWorkbook()),
      write("Utveckling.csv", swedishExcelCsv()),
      write("Økonomi (1).csv", norwegianCsv()),
    ];
    const lines = await importCli(orgId, "--lang", "en", ...paths);
    const text = lines.join("\n");
    expect(text).toContain("→ sheet company (revision 1): 2 rows written");
    expect(text).toContain("tab Sales → sheet team-okrs-sales (revision 1): 5 rows written");
    expect(text).toContain("tab Kundframgång → sheet team-okrs-kundframgang (revision 1): 3 rows written");
    expect(text).toContain("→ sheet utveckling (revision 1): 3 rows written");
    expect(text).toContain("→ sheet okonomi (revision 1): 2 rows written");
    expect(text).toMatch(/Team OKRs\.xlsx, tab Ledger: skipped, no OKR header row/);
    // The same problems as the add-on shows, per file, row and column, in the user's language.
    expect(text).toContain("Row 4, Nuvarande: 'abc' is not a number.");
    expect(text).toMatch(/Row 8: no ID, imported as KR-[0-9A-Z]{4}/);

    const { sheets } = await api(orgId, "/v1/sheets");
    expect(sheets.map((s: Json) => s.sheetId).sort()).toEqual(
      ["company", "okonomi", "team-okrs-kundframgang", "team-okrs-sales", "utveckling"].sort(),
    );
    expect(sheets.find((s: Json) => s.sheetId === "okonomi").name).toBe("Økonomi");
    expect(sheets.find((s: Json) => s.sheetId === "team-okrs-sales").name).toBe("Team OKRs - Sales");

    const sales = await api(orgId, "/v1/sheets/team-okrs-sales");
    const row = (id: string) => sales.rows.find((r: Json) => r.id === id);
    // The header stood on row 3 under a notes row: rows keep their sheet row numbers.
    expect(row("O-S1")).toMatchObject({ row: 4, alignsTo: "O-C1", team: "Sales", cycle: "2026-Q4" });
    // "1,200" typed as text, a formula's saved value, "70%" as text.
    expect(row("KR-S11")).toMatchObject({
      start: 0,
      target: 1200,
      current: 450,
      confidence: 0.7,
      team: "Sales",
    });
    expect(row("KR-S12")).toMatchObject({
      start: 0.18,
      target: 0.25,
      current: 0.19,
      krType: "percent",
      confidence: 0.4,
    });
    // A checkbox (TRUE) is done; a date is read as a date.
    expect(row("KR-S13")).toMatchObject({ current: 1, krType: "binary", notes: "2026-11-02" });
    const given = sales.rows.find((r: Json) => r.title === "Qualified pipeline in MSEK");
    expect(given.id).toMatch(/^KR-[0-9A-Z]{4}$/);

    const kund = await api(orgId, "/v1/sheets/team-okrs-kundframgang");
    expect(kund.rows.find((r: Json) => r.id === "KR-K11")).toMatchObject({
      start: 1000,
      target: 1234.5,
      current: 1100,
      confidence: 0.7,
    });
    const dev = await api(orgId, "/v1/sheets/utveckling");
    expect(dev.rows.find((r: Json) => r.id === "KR-E11")).toMatchObject({
      title: "Ledtid; dagar",
      current: 7.5,
    });
    expect(dev.rows.find((r: Json) => r.id === "KR-E12")).toMatchObject({
      start: 0.4,
      target: 0.8,
      current: 0.55,
    });
    const nb = await api(orgId, "/v1/sheets/okonomi");
    expect(nb.rows.find((r: Json) => r.id === "KR-F11")).toMatchObject({
      target: 1234.5,
      current: 617.25,
      confidence: 0.6,
    });

    // Links across the imported sheets resolve: the company sheet went first, nothing is unknown.
    expect(text).not.toMatch(/unknown|not an objective in this sheet or the organisation/i);
    const rollup = await api(orgId, "/v1/rollup?cycle=2026-Q4");
    const c1 = rollup.roots.find((node: Json) => node.id === "O-C1");
    expect(c1.children.map((child: Json) => child.id).sort()).toEqual(["O-F1", "O-K1", "O-S1"]);
  });

  it("changes nothing when the same files are imported again (the given IDs too)", async () => {
    const before = await api(orgId, "/v1/sheets/team-okrs-sales");
    const lines = await importCli(orgId, ...paths);
    for (const line of lines.filter((l) => l.includes("→")))
      expect(line).toMatch(/unchanged since the last import/);
    const { sheets } = await api(orgId, "/v1/sheets");
    expect(sheets.map((s: Json) => s.revision)).toEqual([1, 1, 1, 1, 1]);
    const after = await api(orgId, "/v1/sheets/team-okrs-sales");
    expect(after.rows).toEqual(before.rows);
  });

  it("updates a sheet from its edited file: only the changed and new rows are written", async () => {
    const edited = write("Team OKRs.xlsx", await teamWorkbook({ salesCurrent: 600, extraKeyResult: true }));
    const lines = await importCli(orgId, "--lang", "sv", edited);
    expect(lines.join("\n")).toContain(
      "fliken Sales → bladet team-okrs-sales (revision 2): 2 rader skrivna, 4 oförändrade, 0 borttagna.",
    );
    expect(lines.join("\n")).toContain(
      "fliken Kundframgång → bladet team-okrs-kundframgang (revision 1): oförändrat",
    );
    const sales = await api(orgId, "/v1/sheets/team-okrs-sales");
    expect(sales.rows.find((r: Json) => r.id === "KR-S11").current).toBe(600);
    expect(sales.rows.find((r: Json) => r.id === "KR-S15")).toBeTruthy();
  });
});

describe("bad files: a clear error in the user's language, and nothing stored", () => {
  const nothingStored = async (orgId: string) => {
    expect(await backend.store.listOrgSheets(orgId)).toEqual([]);
    // Not even the import's own admin key: the import stopped before it asked for one.
    expect((await backend.store.listApiKeys(orgId)).length).toBe(1);
  };

  it("refuses what is not a spreadsheet, naming the file and what to import instead", async () => {
    const orgId = await newOrg("Bad AB");
    const png = write(
      "logo.xlsx",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const binary = write(
      "random.csv",
      new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    const xls = write("old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const good = write("company.csv", COMPANY_CSV);
    const message = await failure(importCli(orgId, "--lang", "en", good, png, binary, xls));
    expect(message).toContain(
      "logo.xlsx: this is a PNG file, not a spreadsheet. Import an .xlsx workbook or a .csv file.",
    );
    expect(message).toContain("random.csv: not a spreadsheet.");
    expect(message).toContain(
      "old.xls: an old Excel file (.xls) or a password-protected workbook. Save it as .xlsx",
    );
    expect(message).toContain("Nothing was imported.");
    // The good file in the same import is not stored either.
    await nothingStored(orgId);
    const swedish = await failure(importCli(orgId, "--lang", "sv", png));
    expect(swedish).toContain("logo.xlsx: det här är en PNG-fil, inget kalkylark.");
    expect(swedish).toContain("Inget importerades.");
  });

  it("refuses a 50 MB file on its size, without reading it", async () => {
    const orgId = await newOrg("Big AB");
    const path = write("huge.xlsx", "");
    truncateSync(path, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing to read
    const message = await failure(importCli(orgId, "--lang", "nb", path));
    expect(message).toContain("huge.xlsx: filen er 50 MB, mer enn de 4 MB en import tar.");
    await nothingStored(orgId);
  });

  it("refuses zip bombs: sizes declared too large, sizes that lie, and too many entries", async () => {
    const orgId = await newOrg("Bomb AB");
    // 256 MiB of one byte deflates to about 250 kB, well within the file limit (the bench uses 1 GiB).
    const payload = await deflateRepeated(256 * 1024 * 1024);
    const honest = xlsxBomb(payload);
    expect(honest.length).toBeLessThan(IMPORT_LIMITS.fileBytes / 10);
    const liar = xlsxBomb(payload, 1024);
    const many = buildZip(
      Array.from({ length: IMPORT_LIMITS.zipEntries + 1 }, (_, i) => ({
        name: `xl/part${i}.xml`,
        data: new Uint8Array(1),
      })),
    );
    const message = await failure(
      importCli(
        orgId,
        "--lang",
        "en",
        write("honest.xlsx", honest),
        write("liar.xlsx", liar),
        write("many.xlsx", many),
      ),
    );
    expect(message).toMatch(
      /honest\.xlsx: the workbook unpacks to more than an import takes \(256 MB unpacked, the limit is 48 MB\)/,
    );
    expect(message).toContain(
      "liar.xlsx: the workbook unpacks to more than an import takes (its part 'xl/worksheets/sheet1.xml' unpacks to more than it declares: a damaged file or a zip bomb)",
    );
    expect(message).toContain(
      "many.xlsx: the workbook unpacks to more than an import takes (1001 parts, the limit is 1000)",
    );
    await nothingStored(orgId);
  });

  it("refuses a sheet with no OKR header, and a workbook where no tab has one", async () => {
    const orgId = await newOrg("Header AB");
    const csv = write("budget.csv", "Account,Amount\n4010,300\n");
    const workbook = await teamWorkbook();
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(workbook) as never);
    book.removeWorksheet(book.getWorksheet("Sales")!.id);
    book.removeWorksheet(book.getWorksheet("Kundframgång")!.id);
    const ledgerOnly = write("ledger.xlsx", new Uint8Array(await book.xlsx.writeBuffer()));
    const message = await failure(importCli(orgId, "--lang", "en", csv, ledgerOnly));
    expect(message).toContain(
      "budget.csv: no OKR header row. One of the first 20 rows needs at least 3 known headers",
    );
    expect(message).toContain("ledger.xlsx: no tab has an OKR header row (looked at: Ledger).");
    await nothingStored(orgId);
  });

  it("names a missing file", async () => {
    const orgId = await newOrg("Missing AB");
    const message = await failure(importCli(orgId, "--lang", "en", join(folder, "nope.xlsx")));
    expect(message).toContain("nope.xlsx: no such file.");
    await nothingStored(orgId);
  });
});
