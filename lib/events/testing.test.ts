import { describe, expect, it } from "vitest";
import { eventInput } from "./event";
import { eventKinds } from "./kinds";
import * as build from "./testing";

/** The test builders themselves: a test built on an invalid default would prove nothing. */
const builders = [build.lab, build.skin, build.muscle, build.imaging, build.cycle, build.medication, build.diagnosis, build.antibody, build.adverse, build.admission, build.procedure, build.radiotherapy, build.note];

describe("test event builders", () => {
  it("build a valid event of every kind from their defaults alone", () => {
    const kinds = builders.map((b) => {
      const made = b();
      expect(eventInput.safeParse(made).error?.issues ?? []).toEqual([]);
      return made.kind;
    });
    expect([...kinds].sort()).toEqual([...eventKinds].sort());
  });

  it("override the date and any payload field by name, keeping the other defaults", () => {
    expect(build.lab({ occurredAt: "2021-02-03T10:00", value: 90 })).toEqual({
      kind: "lab_result",
      occurredAt: "2021-02-03T10:00",
      payload: { analyte: "ck", value: 90, unit: "U/L", referenceRange: { low: 25, high: 200 } },
    });
    expect(build.medication({ endedAt: "2020-09-01" })).toMatchObject({ occurredAt: build.TEST_DAY, endedAt: "2020-09-01" });
  });

  it("store an input as the services return it, the envelope overridable", () => {
    const scan = build.stored(build.imaging({ occurredAt: "2020-08-03T09:15", response: "PD" }), { id: "ct-pd", status: "entered_in_error" });
    expect(scan).toMatchObject({ id: "ct-pd", versionId: "ct-pd@1", version: 1, status: "entered_in_error", kind: "imaging", datePrecision: "time", payload: { modality: "CT", response: "PD" } });
  });
});
