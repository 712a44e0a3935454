import { describe, expect, it } from "vitest";
import type { EventInput, Patient } from "@/lib/events";
import { courseBundle, readBundle, type Resource } from "./index";
import { recistExtension } from "./recist";
import { fhirR4Problems, storedEvent } from "./testing";
import { cycle, imaging } from "@/lib/events/testing";

const patient: Patient = { id: "11111111-1111-4111-8111-111111111111", identifier: "FW-R", familyName: "Recist", givenName: "Export", sex: "female", createdAt: "2026-01-01T00:00:00.000Z", createdBy: "test" };
const lesion = (diameterMm: number) => [{ id: "T1", organ: "liver", nodal: false, diameterMm }];
const inputs: EventInput[] = [
  cycle({ occurredAt: "2021-01-15", regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 1 }),
  imaging({ occurredAt: "2021-01-10", modality: "CT", baseline: true, targetLesions: lesion(100), targetSumMm: 100 }),
  // Stored as the server stores them: recorded response, computed response beside it.
  imaging({ occurredAt: "2021-03-01", modality: "CT", response: "PR", computedResponse: "PR", targetLesions: lesion(60), targetSumMm: 60 }),
  imaging({ occurredAt: "2021-04-01", modality: "CT", response: "CR", computedResponse: "PR", targetLesions: lesion(60), targetSumMm: 60 }),
];

describe("RECIST in the FHIR export", () => {
  const events = inputs.map((input) => storedEvent(input, patient.id));
  const bundle = courseBundle(patient, events);
  const observations = bundle.entry.map((e) => e.resource as Resource & { extension?: { url: string; valueString?: string; extension?: { url: string }[] }[] }).filter((r) => r.resourceType === "Observation");

  it("carries the computed response beside the recorded one, and says when they disagree", () => {
    const [, , disagreeing] = observations;
    expect(disagreeing.extension?.find((x) => x.url === recistExtension.computedResponse)).toMatchObject({ valueCodeableConcept: { coding: [{ code: "PR" }] } });
    expect(disagreeing.extension?.find((x) => x.url === recistExtension.disagreement)?.valueString).toBe("Reported CR; the lesions give PR");
    expect(observations[1].extension?.find((x) => x.url === recistExtension.disagreement)).toBeUndefined();
  });

  it("marks the scan that gave the line's best overall response, confirmed 4 weeks later", () => {
    const best = observations[1].extension?.find((x) => x.url === recistExtension.bestResponse) as { extension?: unknown[] } | undefined;
    expect(best?.extension).toEqual([
      { url: "line", valueInteger: 1 },
      { url: "response", valueCodeableConcept: { coding: [{ system: expect.any(String), code: "PR", display: "partial response" }] } },
      { url: "confirmed", valueBoolean: true },
      { url: "rule", valueString: "PR on 1 Mar 2021, confirmed on 1 Apr 2021 (at least 4 weeks later)" },
    ]);
  });

  it("stays valid FHIR R4 and imports back (the extensions are ignored on import)", () => {
    expect(observations.flatMap((o) => fhirR4Problems(o))).toEqual([]);
    const read = readBundle(JSON.parse(JSON.stringify(bundle)));
    expect(read.ok).toBe(true);
  });
});
