import { describe, expect, it } from "vitest";
import type { EventOfKind } from "@/lib/events";
import { cycle as treatmentCycle, input, stored } from "@/lib/events/testing";
import { formCourse, responseOverrideProblem, targetLesionsToRemeasure } from "./follow-up";

const imaging = (occurredAt: string, payload: EventOfKind<"imaging">["payload"], status: EventOfKind<"imaging">["status"] = "final") =>
stored(input("imaging", occurredAt, payload), { id: occurredAt, status });

describe("target lesions to measure again", () => {
  const scans = [
    imaging("2021-03-20", { modality: "CT", targetLesions: [{ organ: "liver", nodal: false, diameterMm: 30 }, { organ: "neck", nodal: true, diameterMm: 16 }] }),
    imaging("2021-01-10", { modality: "CT", baseline: true, targetLesions: [{ organ: "liver", nodal: false, diameterMm: 40 }] }),
    imaging("2021-04-01", { modality: "MRI", findings: "myositis of both thighs" }),
    imaging("2021-05-01", { modality: "CT", targetLesions: [{ organ: "lung", nodal: false, diameterMm: 12 }] }, "entered_in_error"),
  ];

  it("offers the lesions of the latest earlier scan that itemised them, without their sizes", () => {
    expect(targetLesionsToRemeasure(scans, "2021-06-01")).toEqual([
      { id: "T1", organ: "liver", nodal: false },
      { id: "T2", organ: "neck", nodal: true },
    ]);
  });

  it("looks only at earlier days, and offers nothing before the first measured scan", () => {
    expect(targetLesionsToRemeasure(scans, "2021-03-20")).toEqual([{ id: "T1", organ: "liver", nodal: false }]);
    expect(targetLesionsToRemeasure(scans, "2021-01-10")).toEqual([]);
  });
});

describe("recording a response other than the computed one", () => {
  it.each([
    ["the computed response itself", "PD", "PD", undefined, undefined],
    ["no response at all (not a tumour assessment)", "NE", undefined, undefined, undefined],
    ["another response with a reason", "PD", "SD", "Radiology: pseudo-progression after radiotherapy", undefined],
    [
      "another response without a reason",
      "PD",
      "SD",
      " ",
      "The measurements give PD (progressive disease); give the reason for recording SD (stable disease) instead",
    ],
  ] as const)("%s", (_, computed, recorded, reason, problem) => {
    expect(responseOverrideProblem(computed, recorded, reason)).toBe(problem);
  });
});

describe("what the imaging form offers for lines of therapy", () => {
  const cycle = (occurredAt: string, line: number, regimen: string) =>
    stored(treatmentCycle({ occurredAt, regimen, lineOfTherapy: line }), { id: occurredAt });
  const scans = [
    imaging("2021-01-10", { modality: "CT", baseline: true, targetLesions: [{ id: "T1", organ: "liver", nodal: false, diameterMm: 40 }] }),
    imaging("2021-05-01", { modality: "CT", targetLesions: [{ id: "T1", organ: "liver", nodal: false, diameterMm: 60 }] }),
  ];

  it("offers the next line's baseline while no new line has started", () => {
    expect(formCourse(scans, [cycle("2021-01-20", 1, "doxorubicin")])).toMatchObject({ nextLine: 2 });
    expect(formCourse(scans, [cycle("2021-01-20", 1, "doxorubicin")]).missingBaseline).toBeUndefined();
  });

  it("prompts for a baseline when a new line started without one (a new line takes a new baseline)", () => {
    expect(formCourse(scans, [cycle("2021-01-20", 1, "doxorubicin"), cycle("2021-06-01", 2, "trabectedin")])).toMatchObject({
      nextLine: 2,
      missingBaseline: { line: 2, date: "2021-06-01", regimen: "trabectedin" },
    });
  });

  it("stops prompting once the scan that showed progression is also line 2's baseline", () => {
    const both = [scans[0], imaging("2021-05-01", { modality: "CT", baseline: true, baselineForLine: 2, targetLesions: [{ id: "T1", organ: "liver", nodal: false, diameterMm: 60 }] })];
    expect(formCourse(both, [cycle("2021-01-20", 1, "doxorubicin"), cycle("2021-06-01", 2, "trabectedin")])).toMatchObject({ nextLine: 3 });
  });
});
