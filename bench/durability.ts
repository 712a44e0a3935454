/**
 * Kills a process with SIGKILL in the middle of a burst of writes to PGlite, 20 times (or --rounds),
 * then checks that every write it acknowledged is in the database and that the database still opens.
 * Also shows that a lock left by a killed process is taken over.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { openPGlite } from "@/lib/db";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "20" } } });
const rounds = Number(values.rounds);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-durability-"));
const acknowledged = new Set<string>();
let patientId: string | undefined;

function round(): Promise<{ acks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/durability-writer.ts", dataDir, ...(patientId ? [patientId] : [])], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const killAfter = 5 + Math.floor(Math.random() * 60);
    let acks = 0;
    const lines = readline.createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const [word, id] = line.split(" ");
      if (word === "ready") patientId = id;
      if (word === "ack") {
        acknowledged.add(id);
        acks += 1;
        if (acks === killAfter) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve({ acks }) : reject(new Error(`writer exited with ${code ?? signal}`))));
  });
}

const started = performance.now();
for (let i = 1; i <= rounds; i++) {
  const { acks } = await round();
  process.stdout.write(`round ${i}: killed after ${acks} acknowledged writes\n`);
}
const db = await openPGlite(dataDir);
const rows = await db.sql.query<{ id: string }>(`SELECT "chainId" AS id FROM "Event"`);
await db.close();
const stored = new Set(rows.map((row) => row.id));
const lost = [...acknowledged].filter((id) => !stored.has(id));
console.log(
  `${rounds} SIGKILLs, ${acknowledged.size} acknowledged writes, ${stored.size} stored, ${lost.length} lost ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock`, { force: true });
if (lost.length > 0) {
  console.error(`LOST: ${lost.join(", ")}`);
  process.exit(1);
}
