import { describe, expect, it } from "vitest";
import type { EventOfKind } from "@/lib/events";
import { input, stored } from "@/lib/events/testing";
import { baselineAndNadir, priorAssessmentsFromImaging } from "./baseline";

describe("baseline and nadir from earlier scans", () => {
  it("sorts scans recorded in any order by date", () => {
    const priors = [
      { date: "2021-06-01", targetSumMm: 58 },
      { date: "2021-01-10", targetSumMm: 80 },
      { date: "2021-03-20", targetSumMm: 66 },
    ];
    expect(baselineAndNadir(priors, "2021-09-01")).toEqual({ baselineDate: "2021-01-10", baselineSumMm: 80, nadirDate: "2021-06-01", nadirSumMm: 58 });
  });

  it("takes the first scan with a sum as baseline, skipping scans that measured nothing", () => {
    const priors = [
      { date: "2021-03-20", targetSumMm: 66 },
      { date: "2021-01-02" },
      { date: "2021-01-10", targetSumMm: 80 },
    ];
    expect(baselineAndNadir(priors, "2021-09-01")).toMatchObject({ baselineDate: "2021-01-10", baselineSumMm: 80, nadirSumMm: 66 });
  });

  it("counts the baseline itself as the nadir when nothing shrank", () => {
    const priors = [
      { date: "2021-01-10", targetSumMm: 58 },
      { date: "2021-03-20", targetSumMm: 62 },
    ];
    expect(baselineAndNadir(priors, "2021-06-01")).toMatchObject({ baselineSumMm: 58, nadirDate: "2021-01-10", nadirSumMm: 58 });
  });

  it("ignores scans on or after the current day", () => {
    const priors = [
      { date: "2021-01-10", targetSumMm: 80 },
      { date: "2021-06-01", targetSumMm: 40 },
      { date: "2021-06-01T15:30", targetSumMm: 41 },
      { date: "2021-09-01", targetSumMm: 30 },
    ];
    expect(baselineAndNadir(priors, "2021-06-01T09:00")).toEqual({ baselineDate: "2021-01-10", baselineSumMm: 80, nadirDate: "2021-01-10", nadirSumMm: 80 });
  });

  it("restarts from the latest flagged baseline, as at a new line of therapy after progression", () => {
    const priors = [
      { date: "2021-01-10", targetSumMm: 80 },
      { date: "2021-03-20", targetSumMm: 50 },
      { date: "2021-08-15", targetSumMm: 90, baseline: true },
      { date: "2021-10-15", targetSumMm: 85 },
    ];
    expect(baselineAndNadir(priors, "2021-12-15")).toEqual({ baselineDate: "2021-08-15", baselineSumMm: 90, nadirDate: "2021-10-15", nadirSumMm: 85 });
  });

  it("keeps a flagged baseline without a sum rather than falling back to an older one", () => {
    const priors = [
      { date: "2021-01-10", targetSumMm: 80 },
      { date: "2021-08-15", baseline: true },
    ];
    expect(baselineAndNadir(priors, "2021-12-15")).toEqual({ baselineDate: "2021-08-15", baselineSumMm: undefined });
  });

  it("reads consecutive baseline studies as one baseline time point, as a staging CT then PET-CT", () => {
    // The seed case: CT with lesions measured, then a PET-CT flagged as staging that measured none.
    const priors = [
      { date: "2020-01-09", targetSumMm: 96, baseline: true },
      { date: "2020-01-13", baseline: true },
      { date: "2020-04-07", targetSumMm: 90 },
      { date: "2020-06-04", targetSumMm: 88 },
    ];
    expect(baselineAndNadir(priors, "2020-09-01")).toEqual({ baselineDate: "2020-01-09", baselineSumMm: 96, nadirDate: "2020-06-04", nadirSumMm: 88 });
  });

  it("takes the latest sum within one baseline time point", () => {
    const priors = [
      { date: "2021-01-02", targetSumMm: 70, baseline: true },
      { date: "2021-01-09", targetSumMm: 72, baseline: true },
      { date: "2021-01-12", baseline: true },
    ];
    expect(baselineAndNadir(priors, "2021-03-01")).toEqual({ baselineDate: "2021-01-09", baselineSumMm: 72, nadirDate: "2021-01-09", nadirSumMm: 72 });
  });

  it("has no baseline when no earlier scan measured target lesions", () => {
    expect(baselineAndNadir([{ date: "2021-01-10" }], "2021-06-01")).toEqual({});
    expect(baselineAndNadir([], "2021-06-01")).toEqual({});
  });
});

describe("prior assessments from imaging events", () => {
  const imaging = (occurredAt: string, payload: EventOfKind<"imaging">["payload"], status: EventOfKind<"imaging">["status"] = "final") =>
stored(input("imaging", occurredAt, payload), { id: occurredAt, status });

  it("sums itemised lesions, falls back to a typed sum, and leaves out events entered in error", () => {
    const events = [
      imaging("2021-01-10", { modality: "CT", targetLesions: [{ organ: "liver", nodal: false, diameterMm: 40 }, { organ: "neck", nodal: true, diameterMm: 18 }], targetSumMm: 57 }),
      imaging("2021-03-20", { modality: "CT", targetSumMm: 50 }),
      imaging("2021-04-01", { modality: "MRI", findings: "myositis of both thighs" }),
      imaging("2021-05-01", { modality: "CT", targetSumMm: 10 }, "entered_in_error"),
    ];
    expect(priorAssessmentsFromImaging(events)).toEqual([
      { date: "2021-01-10", targetSumMm: 58 },
      { date: "2021-03-20", targetSumMm: 50 },
      { date: "2021-04-01", targetSumMm: undefined },
    ]);
  });
});
