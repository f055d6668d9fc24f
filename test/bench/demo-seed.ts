// `npx tsx test/bench/demo-seed.ts`: what seeding the demo organisation costs (api/demo/seed.ts through the HTTP
// contract, on dynalite in-process), the figure the demo's tests pay ~10 times. Prints figures; asserts nothing.
// Several runs on a fresh backend each, wall and CPU (this process's user + system: client, app and dynalite
// alike), min and median, with the DynamoDB commands the store sent.
import { cpus, loadavg } from "node:os";
import { seedDemo } from "../../api/demo/seed.js";
import { startBackend } from "../support/api-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NOW = new Date("2026-11-18T10:00:00Z");

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};

async function main() {
  console.log(
    `Demo seed bench: ${RUNS} runs, fresh dynalite each, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
  );
  const walls: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const backend = await startBackend();
    backend.counter.reset();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const seeded = await seedDemo({ store: backend.store, now: NOW });
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    const cpuMs = (used.user + used.system) / 1000;
    walls.push(wall);
    cpu.push(cpuMs);
    const checkIns = seeded.sheets.reduce((sum, sheet) => sum + sheet.checkIns, 0);
    console.log(
      `  run ${run + 1}: wall ${wall.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms, ${checkIns} check-ins, ` +
        `${[...backend.counter.commands.values()].reduce((a, b) => a + b, 0)} DynamoDB commands, ${backend.counter.writes()} items written`,
    );
    await backend.close();
  }
  const w = stats(walls);
  const c = stats(cpu);
  console.log(
    `seed: wall min ${w.min.toFixed(0)} / median ${w.median.toFixed(0)} ms; CPU min ${c.min.toFixed(0)} / median ${c.median.toFixed(0)} ms (load now ${loadavg()[0]!.toFixed(1)})`,
  );
}

await main();
