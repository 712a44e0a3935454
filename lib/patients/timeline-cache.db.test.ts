import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { amendEvent, getTimeline, importLabCsv, markEnteredInError, recordEvent } from "./index";
import { testActor, value } from "./testing";
import { TIMELINE_CACHE_MIN_ROWS, TIMELINE_SQL } from "./timeline-query";
import type { ServiceContext } from "./context";

describeEachDatabase("the cached timeline of a long record", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  /** What the timeline query builds from the rows right now, bypassing the cache. */
  async function built(patientId: string) {
    const [row] = await db().sql.query<{ events: unknown }>(TIMELINE_SQL, [patientId, null, null, null]);
    const events = (typeof row.events === "string" ? JSON.parse(row.events) : row.events) as Record<string, unknown>[];
    for (const event of events) for (const key of ["statusReason", "endedAt"]) if (event[key] === null) delete event[key];
    return events;
  }
  const cachedStamp = async (patientId: string) => (await db().prisma.timelineCache.findUnique({ where: { patientId } }))?.stamp;

  it("is built on the first read, reused while nothing changes, and follows every kind of change", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: TIMELINE_CACHE_MIN_ROWS + 50, identifierPrefix: "CACHE" });
    await loadPatients(db(), [generated]);
    const { id } = await db().prisma.patient.findUniqueOrThrow({ where: { identifier: generated.patient.identifier } });
    const rows = await db().prisma.event.count({ where: { patientId: id } });

    const first = value(await getTimeline(ctx(), id));
    expect(first).toEqual(await built(id));
    expect(await cachedStamp(id)).toBe(rows);
    // Reused: the stored text is what is read (a marker written into it shows through).
    await db().sql.query(`UPDATE "TimelineCache" SET events = $2 WHERE "patientId" = $1::uuid`, [id, JSON.stringify(first.slice(0, 1))]);
    expect(value(await getTimeline(ctx(), id))).toHaveLength(1);
    await db().sql.query(`UPDATE "TimelineCache" SET events = $2 WHERE "patientId" = $1::uuid`, [id, JSON.stringify(first)]);

    // Each change adds rows, so the next read rebuilds: a new event, an amendment, entered in error.
    const note = value(await recordEvent(ctx(), id, exampleEvents.note));
    expect(value(await getTimeline(ctx(), id))).toEqual(await built(id));
    expect(value(await getTimeline(ctx(), id)).some((e) => e.id === note.id)).toBe(true);
    const amended = value(await amendEvent(ctx(), note.id, { expectedVersion: 1, event: { ...exampleEvents.note, payload: { text: "Amended" } } }));
    expect(value(await getTimeline(ctx(), id)).find((e) => e.id === note.id)?.payload).toEqual(amended.payload);
    value(await markEnteredInError(ctx(), note.id, { expectedVersion: 2, reason: "Wrong patient" }));
    expect(value(await getTimeline(ctx(), id)).some((e) => e.id === note.id)).toBe(false);
    // Imports, and rows written by anything else (a bulk load), too.
    value(await importLabCsv(ctx(), id, "2024-02-01,ck,321,U/L,25,200"));
    await db().prisma.event.create({
      data: { chainId: crypto.randomUUID(), version: 1, current: true, status: "final", patientId: id, kind: "note", occurredAt: new Date("2024-03-01T00:00:00Z"), datePrecision: "day", payload: { text: "bulk" }, recordedBy: "bulk", recordedRole: "system" },
    }).then((row) => db().prisma.event.update({ where: { id: row.id }, data: { chainId: row.id } }));
    const latest = value(await getTimeline(ctx(), id));
    expect(latest).toEqual(await built(id));
    expect(latest.some((e) => e.kind === "lab_result" && e.occurredAt === "2024-02-01" && (e.payload as { value?: number }).value === 321)).toBe(true);
    expect(latest.some((e) => (e.payload as { text?: string }).text === "bulk")).toBe(true);
    expect(await cachedStamp(id)).toBe(await db().prisma.event.count({ where: { patientId: id } }));
  });

  it("keeps no copy of a short record, and filtered reads never use the cache", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: 40, identifierPrefix: "SHORT" });
    await loadPatients(db(), [generated]);
    const { id } = await db().prisma.patient.findUniqueOrThrow({ where: { identifier: generated.patient.identifier } });
    expect(value(await getTimeline(ctx(), id))).toEqual(await built(id));
    expect(await cachedStamp(id)).toBeUndefined();
    const labs = value(await getTimeline(ctx(), id, { kinds: ["lab_result"] }));
    expect(labs.every((e) => e.kind === "lab_result")).toBe(true);
  });
});
