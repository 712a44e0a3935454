import { describe, expect, it } from "vitest";
import { readBundle, type Bundle } from "./index";
import { alertFlag, alertFlagEntries, flagStatus, type FlagAlert } from "./flags";
import { fhirR4Problems } from "./testing";

const FW = "https://w3id.org/flarewatch/fhir";
const alert: FlagAlert = {
  id: "aaaaaaaa-0000-4000-8000-000000000009",
  key: "p:reimaging-after-flare:e1",
  ruleId: "reimaging-after-flare",
  status: "open",
  priority: "high",
  episodeStart: "2020-08-03",
  evidence: ["e1", "e2", "gone"],
  reason: "Skin grade 3 and CK 3.48×ULN since the CT of 5 Jun 2020: consider re-imaging.",
};
const subject = { reference: "urn:uuid:patient" };
const urls = new Map([
  ["e1", "urn:uuid:e1"],
  ["e2", "urn:uuid:e2"],
]);

describe("an alert as a FHIR Flag", () => {
  it.each([
    ["open", "active"],
    ["acknowledged", "active"],
    ["resolved", "inactive"],
    ["dismissed", "inactive"],
  ] as const)("a %s alert is an %s Flag", (status, expected) => {
    expect(flagStatus(status)).toBe(expected);
  });

  it("carries the rule, the episode start, the subject, the priority and its evidence by fullUrl", () => {
    const flag = alertFlag(alert, subject, urls);
    expect(flag).toMatchObject({
      resourceType: "Flag",
      status: "active",
      identifier: [{ system: `${FW}/identifier/alert`, value: alert.key }],
      code: { coding: [{ system: `${FW}/CodeSystem/alert-rule`, code: "reimaging-after-flare" }], text: alert.reason },
      subject,
      period: { start: "2020-08-03" },
    });
    expect(flag.extension).toEqual([
      { url: `${FW}/StructureDefinition/alert-priority`, valueCoding: { system: `${FW}/CodeSystem/alert-priority`, code: "high" } },
      // "gone" (no longer in the export) is left out rather than pointing nowhere.
      { url: `${FW}/StructureDefinition/alert-evidence`, valueReference: { reference: "urn:uuid:e1" } },
      { url: `${FW}/StructureDefinition/alert-evidence`, valueReference: { reference: "urn:uuid:e2" } },
    ]);
  });

  it("ends the period when the alert was answered, and validates as FHIR R4", () => {
    const flag = alertFlag({ ...alert, status: "resolved", endedAt: "2020-08-18T09:30" }, subject, urls, "Europe/London");
    expect(flag.status).toBe("inactive");
    expect(flag.period).toEqual({ start: "2020-08-03", end: "2020-08-18T09:30:00+01:00" });
    expect(fhirR4Problems(flag)).toEqual([]);
  });

  it("is ignored on import, with the reason", () => {
    const bundle: Bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { fullUrl: "urn:uuid:patient", resource: { resourceType: "Patient", identifier: [{ system: `${FW}/identifier/patient`, value: "FLAG-1" }], name: [{ family: "Flag", given: ["Test"] }] } },
        ...alertFlagEntries([alert], subject, urls),
      ],
    };
    const read = readBundle(bundle);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.plan.ignored).toEqual([{ entry: 1, fullUrl: `urn:uuid:${alert.id}`, resourceType: "Flag", reason: expect.stringMatching(/re-derived from the events/) }]);
  });
});
