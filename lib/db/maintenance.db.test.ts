import { expect, it } from "vitest";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { analyzeStaleTables, analyzeInterval } from "./maintenance";
import { describeEachDatabase } from "./testing";

describeEachDatabase("planner statistics", (db) => {
  it("a bulk load leaves the planner knowing the table's size; a table that grew again is analyzed, one that did not is left alone", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: 3000, identifierPrefix: "STATS" });
    await loadPatients(db(), [generated]);
    const reltuples = async () => Number((await db().sql.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'Event' AND relnamespace = current_schema()::regnamespace`))[0].n);
    // 3 000 rows, within ANALYZE's sampling error.
    expect(await reltuples()).toBeGreaterThan(2500);
    expect(await analyzeStaleTables(db().prisma)).not.toContain("Event");

    // Rows written without a bulk load's analyze (an import through the services, say): copies of the record's rows.
    await db().sql.query(
      `INSERT INTO "Event" SELECT (jsonb_populate_record(e, jsonb_build_object('id', gen_random_uuid(), 'chainId', gen_random_uuid()))).* FROM "Event" e`,
    );
    expect(await analyzeStaleTables(db().prisma)).toContain("Event");
    expect(await reltuples()).toBeGreaterThan(5500);
  });
});

it("reads its interval from FLAREWATCH_ANALYZE_MS and refuses a nonsense value", () => {
  const before = process.env.FLAREWATCH_ANALYZE_MS;
  try {
    delete process.env.FLAREWATCH_ANALYZE_MS;
    expect(analyzeInterval()).toBe(60_000);
    process.env.FLAREWATCH_ANALYZE_MS = "0";
    expect(analyzeInterval()).toBe(0);
    process.env.FLAREWATCH_ANALYZE_MS = "soon";
    expect(() => analyzeInterval()).toThrow(/FLAREWATCH_ANALYZE_MS/);
  } finally {
    if (before === undefined) delete process.env.FLAREWATCH_ANALYZE_MS;
    else process.env.FLAREWATCH_ANALYZE_MS = before;
  }
});
