import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import type { ServiceContext } from "./context";
import { createPatient, getPatient, getTimeline, importLabCsv } from "./index";
import { testActor, value } from "./testing";

/** A lab CSV of n distinct CK results, one a day from 1 Jan 1990 (12 000 of them end in 2022, before today: later dates are refused). */
function labCsv(n: number, from = 0): string {
  const lines = ["date,analyte,value,unit,range low,range high"];
  for (let i = from; i < from + n; i++) lines.push(`${new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10)},CK,${100 + (i % 50)},U/L,25,200`);
  return `${lines.join("\n")}\n`;
}

describeEachDatabase("long lab CSV imports in parts", (db, target) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });
  let n = 0;
  const newPatient = async () => value(await createPatient(ctx(), { identifier: `BATCH-${target}-${++n}`, familyName: "Batch", givenName: "Import", sex: "female" }));

  it("writes a file larger than one part in parts, each audited, with the same result as one transaction", async () => {
    const patient = await newPatient();
    const result = value(await importLabCsv(ctx(), patient.id, labCsv(2_500), { batchRows: 1_000 }));
    expect(result).toMatchObject({ created: 2_500, unchanged: 0, updated: 0, counts: { rows: 2_500, valid: 2_500, invalid: 0 } });
    expect(value(await getTimeline(ctx(), patient.id))).toHaveLength(2_500);
    const rows = await db().prisma.auditEntry.findMany({ where: { action: "lab-csv.import", patientId: patient.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.outcome, r.detail])).toEqual([
      ["ok", "2500 rows, 0 invalid; part 1 of 3"],
      ["ok", "1000 rows; part 2 of 3"],
      ["ok", "500 rows; part 3 of 3"],
    ]);
    expect(rows.reduce((sum, r) => sum + (r.eventIds as string[]).length, 0)).toBe(2_500);
    // The same file again changes nothing; one more row is added alone.
    expect(value(await importLabCsv(ctx(), patient.id, labCsv(2_501), { batchRows: 1_000 }))).toMatchObject({ created: 1, unchanged: 2_500 });
  });

  it("refuses a large file with one bad row before writing any part", async () => {
    const patient = await newPatient();
    const refused = await importLabCsv(ctx(), patient.id, `${labCsv(1_500)}not-a-date,CK,1,U/L,,\n`, { batchRows: 500 });
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid", message: "1 row needs correcting; nothing was imported" } });
    expect(value(await getTimeline(ctx(), patient.id))).toHaveLength(0);
  });

  if (target === "pglite") {
    it("lets another user's requests through while a long import runs on the single PGlite connection", async () => {
      const patient = await newPatient();
      const other = await newPatient();
      const started = performance.now();
      let importDone = 0;
      const importing = importLabCsv(ctx(), patient.id, labCsv(12_000)).then((r) => {
        importDone = performance.now();
        return r;
      });
      // Another clinician opening a record every 25 ms while the import runs.
      const waits: number[] = [];
      while (!importDone) {
        const asked = performance.now();
        value(await getPatient(ctx(), other.id));
        waits.push(performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(value(await importing).created).toBe(12_000);
      const total = importDone - started;
      // In one transaction the longest wait was the whole import; in parts it is about one part.
      expect(waits.length).toBeGreaterThan(3);
      expect(Math.max(...waits), `waits ${waits.map(Math.round).join(", ")} ms during a ${Math.round(total)} ms import`).toBeLessThan(total / 2);
    });
  }
});
