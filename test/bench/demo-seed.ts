// `npx tsx test/bench/demo-seed.ts`: what seeding the demo organisation costs (api/demo/seed.ts through the HTTP
// contract, on dynalite in-process), the figure the demo's tests pay about ten times. Prints figures; asserts
// nothing. Side by side in one run, interleaved, a fresh backend each: the check-ins one request each (as the
// seed sent them before batches, 8 at once) and in batches of 100 (as it sends them now). Wall and CPU (this
// process's user + system: client, app and dynalite alike), min and median, and the DynamoDB commands sent.
import { cpus, loadavg } from "node:os";
import { seedDemo } from "../../api/demo/seed.js";
import { startBackend } from "../support/api-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NOW = new Date("2026-11-18T10:00:00Z");
const MODES = [
  { name: "one request per check-in", checkInsPerRequest: 1 },
  { name: "batches of 100", checkInsPerRequest: 100 },
] as const;

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};

async function seedOnce(checkInsPerRequest: number) {
  const backend = await startBackend();
  try {
    backend.counter.reset();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const seeded = await seedDemo({ store: backend.store, now: NOW, checkInsPerRequest });
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    return {
      wall,
      cpu: (used.user + used.system) / 1000,
      checkIns: seeded.sheets.reduce((sum, sheet) => sum + sheet.checkIns, 0),
      commands: [...backend.counter.commands.values()].reduce((a, b) => a + b, 0),
      writes: backend.counter.writes(),
    };
  } finally {
    await backend.close();
  }
}

async function main() {
  console.log(
    `Demo seed bench: ${RUNS} runs per mode, interleaved, fresh dynalite each, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const results = MODES.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let run = 0; run < RUNS; run++)
    for (const [m, mode] of MODES.entries()) {
      const r = await seedOnce(mode.checkInsPerRequest);
      results[m]!.wall.push(r.wall);
      results[m]!.cpu.push(r.cpu);
      console.log(
        `  ${mode.name}, run ${run + 1}: wall ${r.wall.toFixed(0)} ms, CPU ${r.cpu.toFixed(0)} ms, ` +
          `${r.checkIns} check-ins, ${r.commands} DynamoDB commands, ${r.writes} items written`,
      );
    }
  const [single, batched] = results.map((r) => ({ wall: stats(r.wall), cpu: stats(r.cpu) }));
  for (const [m, mode] of MODES.entries()) {
    const s = m === 0 ? single! : batched!;
    console.log(
      `${mode.name.padEnd(26)} wall min ${s.wall.min.toFixed(0)} / median ${s.wall.median.toFixed(0)} ms; ` +
        `CPU min ${s.cpu.min.toFixed(0)} / median ${s.cpu.median.toFixed(0)} ms`,
    );
  }
  console.log(
    `batched / one per check-in (medians): wall ${(batched!.wall.median / single!.wall.median).toFixed(2)}, ` +
      `CPU ${(batched!.cpu.median / single!.cpu.median).toFixed(2)} (load now ${loadavg()[0]!.toFixed(1)})`,
  );
}

await main();
