import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { parseCsv } from "@/lib/csv";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import type { ServiceContext } from "./context";
import { createPatient, exportEventsCsv, getTimeline, importLabCsv, previewLabCsv, recordEvent } from "./index";
import { value } from "./testing";

let counter = 0;
const newPatient = async (ctx: ServiceContext) =>
  value(await createPatient(ctx, { identifier: `CSV-${Date.now()}-${++counter}`, familyName: "Csv", givenName: "Test", sex: "male" }));

const good = "date,analyte,value,unit,range low,range high\n2020-08-03,CK,695,U/L,25,200\n2020-08-03,ALT,61,U/L,10,49\n2020-08-03T09:00,CRP,<4,mg/L,,5\n";

describeEachDatabase("lab CSV import and events CSV export", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });
  const eventCount = async (patientId: string) => value(await getTimeline(ctx(), patientId)).length;

  it("previews every row as it will be stored and writes nothing", async () => {
    const patient = await newPatient(ctx());
    const preview = value(await previewLabCsv(ctx(), patient.id, `${good}2020-08-04,CK,12,mmol/L,25,200\n`));
    expect(preview.counts).toEqual({ rows: 4, valid: 3, invalid: 1, alreadyImported: 0, implausible: 0 });
    expect(preview.rows[0]).toMatchObject({ line: 2, ok: true, shown: { date: "3 Aug 2020", analyte: "CK", result: "695 U/L", range: "25–200 U/L" } });
    expect(preview.rows[3]).toMatchObject({ line: 5, ok: false, errors: [{ column: "unit", message: "CK is reported in U/L, not mmol/L" }] });
    expect(await eventCount(patient.id)).toBe(0);
  });

  it("imports only when every row is valid, naming each bad row", async () => {
    const patient = await newPatient(ctx());
    const refused = await importLabCsv(ctx(), patient.id, `${good}not-a-date,CK,1,U/L,,\n`);
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid", message: "1 row needs correcting; nothing was imported", fieldErrors: { "line 5: date": [expect.stringContaining("real date")] } } });
    expect(await eventCount(patient.id)).toBe(0);
  });

  it("a CK above 100 000 U/L is shown for checking and imported only once confirmed, as in a form", async () => {
    const patient = await newPatient(ctx());
    const file = `${good}2020-08-05,CK,250000,U/L,25,200\n`;
    const preview = value(await previewLabCsv(ctx(), patient.id, file));
    expect(preview.counts).toMatchObject({ valid: 4, implausible: 1 });
    expect(preview.rows[3]).toMatchObject({ line: 5, ok: true, implausible: [expect.stringContaining("CK 250000 U/L is above 100,000 U/L")] });
    const unconfirmed = await importLabCsv(ctx(), patient.id, file);
    expect(unconfirmed).toMatchObject({ ok: false, error: { kind: "needs_confirmation", warnings: [{ kind: "implausible", path: "line 5: value" }] } });
    expect(await eventCount(patient.id)).toBe(0);
    expect(value(await importLabCsv(ctx(), patient.id, file, { confirm: ["implausible"] }))).toMatchObject({ created: 4 });
    const ck = value(await getTimeline(ctx(), patient.id)).filter((e) => e.kind === "lab_result" && e.payload.analyte === "ck");
    expect(ck.map((e) => (e.kind === "lab_result" ? e.payload.value : undefined))).toEqual([695, 250000]);
  });

  it("imports the rows in one go, and the same file again changes nothing", async () => {
    const patient = await newPatient(ctx());
    expect(value(await importLabCsv(ctx(), patient.id, good))).toMatchObject({ created: 3, unchanged: 0 });
    const timeline = value(await getTimeline(ctx(), patient.id));
    expect(timeline.map((e) => [e.occurredAt, e.datePrecision, e.payload])).toEqual([
      ["2020-08-03", "day", { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } }],
      ["2020-08-03", "day", { analyte: "alt", value: 61, unit: "U/L", referenceRange: { low: 10, high: 49 } }],
      ["2020-08-03T09:00", "time", { analyte: "crp", value: 4, comparator: "<", unit: "mg/L", referenceRange: { high: 5 } }],
    ]);
    expect(value(await previewLabCsv(ctx(), patient.id, good)).counts.alreadyImported).toBe(3);
    expect(value(await importLabCsv(ctx(), patient.id, good))).toMatchObject({ created: 0, unchanged: 3 });
    expect(await eventCount(patient.id)).toBe(3);
  });

  it("an unknown patient is not found", async () => {
    expect(await previewLabCsv(ctx(), crypto.randomUUID(), good)).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await exportEventsCsv(ctx(), "nope")).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("exports the patient's current events as CSV, one row each", async () => {
    const patient = await newPatient(ctx());
    value(await recordEvent(ctx(), patient.id, exampleEvents.lab_result));
    value(await recordEvent(ctx(), patient.id, exampleEvents.medication));
    const { csv, identifier } = value(await exportEventsCsv(ctx(), patient.id));
    expect(identifier).toBe(patient.identifier);
    const parsed = parseCsv(csv);
    expect(parsed.ok && parsed.lines.map((l) => [l.cells[3], l.cells[4], l.cells[5]])).toEqual([
      ["kind", "date", "end date"],
      ["lab_result", "2020-08-03T08:15", ""],
      ["medication", "2020-08-05", "2020-08-25"],
    ]);
  });
});
