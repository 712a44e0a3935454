import { describe, expect, it } from "vitest";
import { assessResponse, type ResponseAssessmentInput } from "./assess";
import type { PriorAssessment } from "./baseline";
import type { TargetLesion } from "./lesions";

const lesion = (organ: string, diameterMm: number, nodal = false): TargetLesion => ({ organ, diameterMm, nodal });

// Baseline 80 mm, shrinking to a nadir of 58 mm; recorded out of order on purpose.
const firstLine: PriorAssessment[] = [
  { date: "2021-05-10", targetSumMm: 58 },
  { date: "2021-01-12", targetSumMm: 80 },
  { date: "2021-03-15", targetSumMm: 66 },
];

const assess = (input: Partial<ResponseAssessmentInput>) =>
  assessResponse({ date: "2021-08-01", nonTargetResponse: "non-CR/non-PD", newLesions: false, priorAssessments: firstLine, ...input });

describe("assessing a scan against the patient's earlier imaging", () => {
  it("explains progression from the nadir in plain words", () => {
    const result = assess({ targetLesions: [lesion("liver", 42), lesion("lung", 12), lesion("neck", 18, true)] });
    expect(result).toMatchObject({
      response: "PD",
      rule: "sum 72 mm is +24% over nadir 58 mm and +14 mm: PD",
      targetSumMm: 72,
      baselineSumMm: 80,
      nadirSumMm: 58,
      changeFromBaselinePercent: -10,
      changeFromNadirMm: 14,
    });
    expect(result.changeFromNadirPercent).toBeCloseTo(24.1379, 4);
  });

  it("explains a partial response from baseline", () => {
    const result = assess({ targetSumMm: 40, priorAssessments: [{ date: "2021-01-12", targetSumMm: 58 }] });
    expect(result).toMatchObject({ response: "PR", rule: "sum 40 mm is −31% from baseline 58 mm: PR" });
    expect(result.changeFromBaselinePercent).toBeCloseTo(-31.03, 2);
  });

  it("calls a new lesion PD whatever the sum", () => {
    expect(assess({ targetSumMm: 50, newLesions: true })).toMatchObject({ response: "PD", rule: "new lesion: PD" });
  });

  it("calls unequivocal non-target progression PD whatever the sum", () => {
    expect(assess({ targetSumMm: 50, nonTargetResponse: "PD" })).toMatchObject({ response: "PD", rule: "non-target progression: PD" });
  });

  it("reads earlier scans in date order whatever order they arrive in", () => {
    const shuffled = [firstLine[2], firstLine[0], firstLine[1]];
    expect(assess({ targetSumMm: 60, priorAssessments: shuffled })).toMatchObject({ response: "SD", baselineSumMm: 80, nadirSumMm: 58 });
  });

  it("ignores later scans when a past scan is re-assessed", () => {
    expect(assess({ date: "2021-03-15", targetSumMm: 66 })).toMatchObject({ response: "SD", baselineSumMm: 80, nadirSumMm: 80 });
  });

  it("is NE when the target lesions were not measured", () => {
    expect(assess({})).toMatchObject({ response: "NE", rule: "target lesions not measured: NE", baselineSumMm: 80, nadirSumMm: 58 });
  });

  it("is NE when target lesions measured before are missing from the list now", () => {
    expect(assess({ targetLesions: [] }).response).toBe("NE");
  });

  it("still calls a new lesion PD when the sum is missing", () => {
    expect(assess({ newLesions: true }).response).toBe("PD");
  });

  it("is a CR only when non-target disease has gone too", () => {
    const gone = [lesion("liver", 0), lesion("neck", 7, true)];
    expect(assess({ targetLesions: gone, nonTargetResponse: "CR" }).response).toBe("CR");
    expect(assess({ targetLesions: gone, nonTargetResponse: "none" }).response).toBe("CR");
    expect(assess({ targetLesions: gone, nonTargetResponse: undefined })).toMatchObject({
      response: "PR",
      rule: "every target lesion gone and every target node under 10 mm but non-target lesions not evaluated: PR",
    });
  });

  it("treats the first measured scan as the baseline, with no response of its own", () => {
    expect(assess({ targetSumMm: 80, priorAssessments: [{ date: "2021-01-02" }] })).toMatchObject({
      response: "NE",
      rule: "first scan with target lesions measured, so it is the baseline (target sum 80 mm); later scans are compared with it: NE",
      baselineSumMm: 80,
    });
  });

  it("compares with a new baseline once one is flagged, e.g. for second-line therapy", () => {
    const secondLine = [...firstLine, { date: "2021-08-01", targetSumMm: 90, baseline: true }];
    expect(assess({ date: "2021-08-01", targetSumMm: 90, baseline: true, priorAssessments: secondLine }).rule).toBe(
      "baseline scan (target sum 90 mm); later scans are compared with it: NE",
    );
    expect(assess({ date: "2021-10-01", targetSumMm: 86, priorAssessments: secondLine })).toMatchObject({ response: "SD", baselineSumMm: 90, nadirSumMm: 90 });
  });

  it("is NE when the flagged baseline has no sum", () => {
    const flaggedWithoutSum = [...firstLine, { date: "2021-07-01", baseline: true }];
    expect(assess({ targetSumMm: 50, priorAssessments: flaggedWithoutSum }).rule).toBe("the baseline scan of 1 Jul 2021 has no sum of target lesions: NE");
  });

  it("records persisting non-target-only disease as SD", () => {
    const noTargets = [{ date: "2021-01-12" }, { date: "2021-03-15" }];
    expect(assess({ targetLesions: [], priorAssessments: noTargets })).toMatchObject({
      response: "SD",
      rule: "no target lesions; non-target disease persists (non-CR/non-PD, recorded as SD): SD",
      targetSumMm: undefined,
    });
    expect(assess({ targetLesions: [], nonTargetResponse: "PD", priorAssessments: noTargets }).response).toBe("PD");
  });
});

describe("the seed case (sums invented for illustration; the report gives responses only)", () => {
  // Day 0 ≈ 2021-01-05: CT at staging, mid-treatment CT (minor reduction), end-of-treatment CT, then
  // CT two weeks after the dermatomyositis flare: multifocal progression.
  const scans: PriorAssessment[] = [
    { date: "2021-01-12", targetSumMm: 112 },
    { date: "2021-03-30", targetSumMm: 98 },
    { date: "2021-06-04", targetSumMm: 95 },
  ];

  it.each([
    ["2021-03-30", 98, false, "SD"],
    ["2021-06-04", 95, false, "SD"],
    ["2021-08-18", 121, true, "PD"],
  ] as const)("CT of %s with sum %d mm, new lesions %s: %s", (date, sum, newLesions, response) => {
    expect(assessResponse({ date, targetSumMm: sum, nonTargetResponse: "non-CR/non-PD", newLesions, priorAssessments: scans }).response).toBe(response);
  });

  it("explains the progression that followed the flare", () => {
    expect(assessResponse({ date: "2021-08-18", targetSumMm: 121, nonTargetResponse: "PD", newLesions: true, priorAssessments: scans }).rule).toBe(
      "new lesion; sum 121 mm is +27% over nadir 95 mm and +26 mm; non-target progression: PD",
    );
  });
});
