// `npx tsx test/bench/import-guards.ts`: what the import's guards cost when they refuse a file, measured
// in one process, several runs each (min and median): a 50 MB file named on the command line (refused on
// its size), a 50 MB upload to the running server (refused by the body limit), zip bombs of 1 GiB
// unpacked (honest sizes: refused from the directory; lying sizes: refused while inflating into a
// counter), and, for comparison, the import of a real 4,000-row workbook. Time, and the growth of the
// process's resident memory (RSS) and heap during the run.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { startMain } from "../../api/entry/main.js";
import { filesAt } from "../../api/import/files.js";
import { fileFromBytes, planFiles } from "../../api/import/index.js";
import { deflateRepeated, xlsxBomb } from "../support/zip.js";

const RUNS = 5;
const MB = 1024 * 1024;

async function measure(label: string, run: () => Promise<string>) {
  const times: number[] = [];
  let rssGrowth = 0;
  let heapGrowth = 0;
  let outcome = "";
  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const heap = process.memoryUsage().heapUsed;
    let peakRss = rss;
    let peakHeap = heap;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 5);
    const start = performance.now();
    outcome = await run();
    times.push(performance.now() - start);
    clearInterval(sampler);
    const end = process.memoryUsage();
    rssGrowth = Math.max(rssGrowth, Math.max(peakRss, end.rss) - rss);
    heapGrowth = Math.max(heapGrowth, Math.max(peakHeap, end.heapUsed) - heap);
  }
  times.sort((a, b) => a - b);
  const ms = (t: number) => `${t.toFixed(1)} ms`;
  console.log(
    `| ${label} | ${ms(times[0]!)} | ${ms(times[Math.floor(times.length / 2)]!)} | ${(rssGrowth / MB).toFixed(1)} MB | ${(heapGrowth / MB).toFixed(1)} MB | ${outcome} |`,
  );
}

const folder = mkdtempSync(join(tmpdir(), "okr-guards-"));
try {
  const big = join(folder, "huge.xlsx");
  writeFileSync(big, "");
  truncateSync(big, 50 * MB);
  const payload = await deflateRepeated(1024 * MB);
  const honest = xlsxBomb(payload);
  const liar = xlsxBomb(payload, 1024);
  console.log(`Bomb: ${(honest.length / 1024).toFixed(0)} kB on disk, 1,024 MB unpacked.`);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("OKRs");
  sheet.addRow(["ID", "Type", "Title", "Objective", "Cycle", "Start", "Target", "Current", "Notes"]);
  for (let o = 0; o < 1000; o++) {
    sheet.addRow([`O-${o}`, "Objective", `Objective number ${o} of the sales team`, "", "2026-Q4"]);
    for (let k = 0; k < 3; k++)
      sheet.addRow([
        `KR-${o}-${k}`,
        "Key result",
        `Key result ${k} of objective ${o}`,
        `O-${o}`,
        "",
        0,
        100,
        (o * 7 + k) % 100,
        "a note",
      ]);
  }
  const real = new Uint8Array(await workbook.xlsx.writeBuffer());
  console.log(`Real workbook: 4,000 rows, ${(real.length / 1024).toFixed(0)} kB.`);

  console.log(
    "\n| case | min | median | RSS growth (max) | heap growth (max) | outcome |\n| --- | ---: | ---: | ---: | ---: | --- |",
  );
  const first = (errors: { message: string }[]) => (errors[0]?.message ?? "accepted").slice(0, 70);
  await measure("50 MB file, CLI", async () => first((await planFiles(filesAt([big]), "en")).errors));
  await measure("zip bomb, honest sizes", async () =>
    first((await planFiles([fileFromBytes("honest.xlsx", honest)], "en")).errors),
  );
  await measure("zip bomb, lying sizes", async () =>
    first((await planFiles([fileFromBytes("liar.xlsx", liar)], "en")).errors),
  );
  await measure("real 4,000-row workbook (read + parse)", async () => {
    const { plan, errors } = await planFiles([fileFromBytes("real.xlsx", real)], "en");
    return errors.length ? first(errors) : `${plan.sheets[0]!.rows.length} rows`;
  });

  const main = await startMain({
    argv: ["--empty"],
    env: { OKR_DATA_DIR: join(folder, "data") },
    port: 0,
    log: () => undefined,
  });
  try {
    const body = new Uint8Array(50 * MB);
    await measure("50 MB upload to the server", async () => {
      const form = new FormData();
      form.append("files", new Blob([body]), "huge.xlsx");
      const response = await fetch(`${main.url}/dashboard/sheets/import`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { Origin: main.url },
      });
      await response.arrayBuffer();
      return `${response.status} ${response.headers.get("location") ?? ""}`;
    });
  } finally {
    await main.close();
  }
  console.log(
    "\n(The upload's figures include the client building and sending the body in this same process.)",
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
