import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { describeEvent, type EventInput, type PayloadOf, type TimelineEvent } from "@/lib/events";
import type { Bundle } from "@/lib/fhir";
import type { ServiceContext } from "./context";
import { amendEvent, createPatient, exportPatientBundle, getTimeline, importFhirBundle, markEnteredInError, recordEvent, recordEvents } from "./index";
import { recistSettings } from "./recist";
import { eventCount, testActor, value } from "./testing";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Imaging = PayloadOf<"imaging">;
const lesion = (id: string, organ: string, diameterMm: number) => ({ id, organ, nodal: false, diameterMm });
const scan = (occurredAt: string, payload: Omit<Imaging, "modality">): EventInput => ({ kind: "imaging", occurredAt, payload: { modality: "CT", ...payload } });
const baseline = scan("2021-01-10", { baseline: true, targetLesions: [lesion("T1", "liver", 40), lesion("T2", "lung", 30), lesion("T3", "lung", 30)] });
const grown = (extra: Partial<Imaging> = {}) =>
  scan("2021-03-10", { targetLesions: [lesion("T1", "liver", 60), lesion("T2", "lung", 45), lesion("T3", "lung", 45)], nonTargetResponse: "non-CR/non-PD", ...extra });
const imagingOf = (events: TimelineEvent[]) => events.filter((e): e is Extract<TimelineEvent, { kind: "imaging" }> => e.kind === "imaging");

let counter = 0;
describeEachDatabase("RECIST computed by the server for every writer", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });
  const newPatient = async () => {
    counter += 1;
    return value(await createPatient(ctx(), { identifier: `RECIST-${Date.now()}-${counter}`, familyName: "Recist", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
  };

  it("refuses a write whose stated response differs from the computed one, naming both, and writes nothing", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const before = await eventCount(ctx());
    const refused = await recordEvent(ctx(), patient.id, grown({ response: "PR" }));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.kind).toBe("invalid");
    const messages = (refused.error as { fieldErrors: Record<string, string[]> }).fieldErrors["payload.response"];
    expect(messages).toEqual([expect.stringContaining("The measurements give PD (progressive disease), not PR (partial response)")]);
    expect(await eventCount(ctx())).toBe(before);
  });

  it("keeps the same write with an override reason, with the computed response beside it, shown as overridden", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const kept = value(await recordEvent(ctx(), patient.id, grown({ response: "PR", responseOverrideReason: "Pseudo-progression after radiotherapy, per radiology" })));
    if (kept.kind !== "imaging") throw new Error("not imaging");
    expect(kept.payload).toMatchObject({ response: "PR", computedResponse: "PD", targetSumMm: 150 });
    expect(describeEvent(kept)).toMatch(/^CT: PR \(partial response\) — overridden; computed PD \(progressive disease\): Pseudo-progression/);
  });

  it("computes the response when none is stated, and never trusts a computed response sent by the client", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const recorded = value(await recordEvent(ctx(), patient.id, grown({ computedResponse: "CR" })));
    expect(recorded.payload).toMatchObject({ response: "PD", computedResponse: "PD", recist: { changeFromBaselinePercent: 50, changeFromNadirPercent: 50 } });
  });

  it("calls a follow-up that leaves out a baseline lesion NE, and says which", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const partial = value(await recordEvent(ctx(), patient.id, scan("2021-03-10", { targetLesions: [lesion("T1", "liver", 35), lesion("T2", "lung", 30)], nonTargetResponse: "non-CR/non-PD" })));
    expect(partial.payload).toMatchObject({ response: "NE", computedResponse: "NE" });
    expect((partial.payload as Imaging).recist?.rule).toMatch(/^baseline lesion T3 \(lung\) not measured/);
  });

  it("refuses a typed sum that disagrees with the itemised lesions", async () => {
    const patient = await newPatient();
    const refused = await recordEvent(ctx(), patient.id, scan("2021-01-10", { baseline: true, targetLesions: [lesion("T1", "liver", 60), lesion("T2", "lung", 60)], targetSumMm: 80 }));
    expect(!refused.ok && (refused.error as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      "payload.targetSumMm": ["The target lesions add up to 120 mm, not the 80 mm given: correct the sum or the lesions"],
    });
  });

  it("places field errors of a batch by position", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const refused = await recordEvents(ctx(), patient.id, [grown({ response: "SD" })]);
    expect(!refused.ok && Object.keys((refused.error as { fieldErrors: Record<string, string[]> }).fieldErrors)).toEqual(["0.payload.response"]);
  });

  it("recomputes later scans when an earlier one is recorded late, amended or entered in error", async () => {
    const patient = await newPatient();
    value(await recordEvent(ctx(), patient.id, baseline));
    const follow = value(await recordEvent(ctx(), patient.id, scan("2021-05-10", { targetLesions: [lesion("T1", "liver", 30), lesion("T2", "lung", 25), lesion("T3", "lung", 25)], nonTargetResponse: "non-CR/non-PD" })));
    expect(follow.payload).toMatchObject({ computedResponse: "SD" });
    // A scan recorded late, between them, with a nadir of 60 mm: the follow-up is now +33% over it.
    const late = value(await recordEvent(ctx(), patient.id, scan("2021-03-10", { targetLesions: [lesion("T1", "liver", 25), lesion("T2", "lung", 20), lesion("T3", "lung", 15)], nonTargetResponse: "non-CR/non-PD" })));
    let [, , again] = imagingOf(value(await getTimeline(ctx(), patient.id)));
    expect(again.payload).toMatchObject({ response: "SD", computedResponse: "PD" });
    value(await markEnteredInError(ctx(), late.id, { expectedVersion: 1, reason: "Wrong patient" }));
    [, again] = imagingOf(value(await getTimeline(ctx(), patient.id)));
    expect(again.payload).toMatchObject({ computedResponse: "SD" });
    const amended = value(await amendEvent(ctx(), follow.id, { expectedVersion: 1, event: { ...scan("2021-05-10", { targetLesions: [lesion("T1", "liver", 20), lesion("T2", "lung", 20), lesion("T3", "lung", 20)], nonTargetResponse: "non-CR/non-PD" }) } }));
    expect(amended.payload).toMatchObject({ response: "PR", computedResponse: "PR" });
  });

  it("accepts an imported radiology report whose response disagrees, keeping it with the computed one beside it", async () => {
    const source = await newPatient();
    value(await recordEvent(ctx(), source.id, baseline));
    value(await recordEvent(ctx(), source.id, grown({ response: "PR", responseOverrideReason: "to be removed from the bundle" })));
    const bundle = JSON.parse(JSON.stringify(value(await exportPatientBundle(ctx(), source.id)))) as Bundle;
    (bundle.entry[0].resource as Json).identifier[0].value = `${source.identifier}-report`;
    for (const entry of bundle.entry) {
      const resource = entry.resource as Json;
      if (resource.component) resource.component = resource.component.filter((c: Json) => c.code?.coding?.[0]?.code !== "response-override-reason");
    }
    const outcome = await importFhirBundle(ctx(), bundle);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection));
    const [, report] = imagingOf(value(await getTimeline(ctx(), outcome.report.patient.id)));
    expect(report.payload).toMatchObject({ response: "PR", computedResponse: "PD" });
    expect(report.payload.responseOverrideReason).toBeUndefined();
    expect(describeEvent(report)).toMatch(/^CT: PR \(partial response\) as reported — disagrees with computed PD \(progressive disease\)/);
    // Importing the same report again changes nothing: the computed fields are not part of what the source sent.
    const again = await importFhirBundle(ctx(), bundle);
    expect(again.ok && again.report.counts).toMatchObject({ created: 0, updated: 0 });
  });

  it("takes the SD interval from FLAREWATCH_RECIST_SD_MIN_WEEKS, 6 weeks by default", () => {
    expect(recistSettings({}).sdMinimumDays).toBe(42);
    expect(recistSettings({ FLAREWATCH_RECIST_SD_MIN_WEEKS: "8" }).sdMinimumDays).toBe(56);
    expect(recistSettings({ FLAREWATCH_RECIST_SD_MIN_WEEKS: "nonsense" }).sdMinimumDays).toBe(42);
  });
});
