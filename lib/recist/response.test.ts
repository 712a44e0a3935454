import { describe, expect, it } from "vitest";
import type { RecistResponse } from "@/lib/events";
import type { TargetLesion } from "./lesions";
import { explainOverallResponse, explainTargetResponse, overallResponse, targetResponse, type NonTargetResponse, type OverallResponseInput } from "./response";

const lesion = (organ: string, diameterMm: number, nodal = false): TargetLesion => ({ organ, diameterMm, nodal });

describe("target-lesion response (RECIST 1.1)", () => {
  it.each([
    // PR: sum ≥ 30% below the baseline sum.
    ["exactly −30% from baseline is PR", { currentSum: 70, baselineSum: 100 }, "PR"],
    ["exactly −30% that floating point gets wrong (40.6 / 58) is still PR", { currentSum: 40.6, baselineSum: 58 }, "PR"],
    ["exactly −30% that floating point gets wrong (16.1 / 23) is still PR", { currentSum: 16.1, baselineSum: 23 }, "PR"],
    ["−29.9% from baseline is SD", { currentSum: 70.1, baselineSum: 100 }, "SD"],
    ["PR is measured from the baseline, not the nadir", { currentSum: 65, baselineSum: 165, nadirSum: 63 }, "PR"],
    // PD: sum ≥ 20% above the nadir AND ≥ 5 mm larger.
    ["+20% over nadir but only +4 mm is SD", { currentSum: 24, baselineSum: 20 }, "SD"],
    ["+20% over nadir with +5 mm is PD", { currentSum: 30, baselineSum: 25 }, "PD"],
    ["exactly +20% that floating point gets wrong (31.2 / 26) is still PD", { currentSum: 31.2, baselineSum: 26 }, "PD"],
    ["+19% over nadir, even with +10 mm, is SD", { currentSum: 62.6, baselineSum: 52.6 }, "SD"],
    ["PD is measured from a nadir below baseline, even while still −50% from baseline", { currentSum: 50, baselineSum: 100, nadirSum: 40 }, "PD"],
    ["a nadir above the baseline is no nadir: the baseline counts", { currentSum: 62, baselineSum: 58, nadirSum: 70 }, "SD"],
    // CR: every lesion gone, every target node < 10 mm short axis.
    ["CR with target nodes back under 10 mm", { currentSum: 8, baselineSum: 50, lesions: [lesion("liver", 0), lesion("neck", 8, true)] }, "CR"],
    ["a node of exactly 10 mm is not CR", { currentSum: 10, baselineSum: 50, lesions: [lesion("liver", 0), lesion("neck", 10, true)] }, "PR"],
    ["a 1 mm remnant of a non-nodal lesion is not CR", { baselineSum: 50, lesions: [lesion("liver", 1), lesion("neck", 5, true)] }, "PR"],
    ["a sum of 0 mm without itemised lesions is CR", { currentSum: 0, baselineSum: 50 }, "CR"],
    ["a sum of 8 mm without itemised lesions cannot show CR", { currentSum: 8, baselineSum: 50 }, "PR"],
    // NE: measurements missing.
    ["no current measurement is NE", { baselineSum: 50 }, "NE"],
    ["no baseline is NE", { currentSum: 40 }, "NE"],
    ["a baseline sum of 0 mm is NE", { currentSum: 4, baselineSum: 0 }, "NE"],
  ] as const)("%s", (_, input, response) => {
    expect(targetResponse(input)).toBe(response);
  });

  it("sums today's lesions when no sum is given", () => {
    expect(explainTargetResponse({ baselineSum: 58, lesions: [lesion("liver", 30), lesion("lung", 10)] })).toEqual({
      response: "PR",
      rule: "sum 40 mm is −31% from baseline 58 mm",
    });
  });

  it.each([
    [{ currentSum: 72, baselineSum: 80, nadirSum: 58 }, "sum 72 mm is +24% over nadir 58 mm and +14 mm"],
    [{ currentSum: 40, baselineSum: 58 }, "sum 40 mm is −31% from baseline 58 mm"],
    [{ currentSum: 70.1, baselineSum: 100 }, "sum 70.1 mm is −29% from baseline 100 mm (PR needs −30%)"],
    [{ currentSum: 24, baselineSum: 20 }, "sum 24 mm is +20% over nadir 20 mm but only +4 mm (PD needs +5 mm too)"],
    [{ currentSum: 62.6, baselineSum: 52.6 }, "sum 62.6 mm is +19% over nadir 52.6 mm (PD needs +20%)"],
    [{ currentSum: 71, baselineSum: 100, nadirSum: 60 }, "sum 71 mm is −29% from baseline 100 mm (PR needs −30%) and +18% over nadir 60 mm (PD needs +20%)"],
    [{ currentSum: 6, baselineSum: 50, nadirSum: 0 }, "sum 6 mm is +6 mm over nadir 0 mm"],
  ])("explains %o as %s", (input, rule) => {
    expect(explainTargetResponse(input).rule).toBe(rule);
  });
});

const nonTargets: NonTargetResponse[] = ["CR", "non-CR/non-PD", "PD", "NE"];
const targets: RecistResponse[] = ["CR", "PR", "SD", "PD", "NE"];
const everyCombination = targets.flatMap((target) => nonTargets.flatMap((nonTarget) => [false, true].map((newLesions) => ({ target, nonTarget, newLesions }))));

describe("overall response: the RECIST 1.1 table, row by row", () => {
  type Row = [target: RecistResponse, nonTarget: NonTargetResponse, newLesions: boolean, overall: RecistResponse];
  const table: Row[] = [
    // | target | non-target | new lesions | overall |
    ["CR", "CR", false, "CR"],
    ["CR", "non-CR/non-PD", false, "PR"],
    ["CR", "NE", false, "PR"],
    // PR | non-PD or not all evaluated | no | PR
    ["PR", "CR", false, "PR"],
    ["PR", "non-CR/non-PD", false, "PR"],
    ["PR", "NE", false, "PR"],
    // SD | non-PD or not all evaluated | no | SD
    ["SD", "CR", false, "SD"],
    ["SD", "non-CR/non-PD", false, "SD"],
    ["SD", "NE", false, "SD"],
    // not all evaluated | non-PD | no | NE
    ["NE", "CR", false, "NE"],
    ["NE", "non-CR/non-PD", false, "NE"],
    ["NE", "NE", false, "NE"],
  ];
  it.each(table)("target %s, non-target %s, new lesions %s → %s", (target, nonTarget, newLesions, overall) => {
    expect(overallResponse({ target, nonTarget, newLesions })).toBe(overall);
  });

  it.each(everyCombination.filter((row) => row.target === "PD"))("target PD, non-target $nonTarget, new lesions $newLesions → PD", (row) => {
    expect(overallResponse(row)).toBe("PD");
  });

  it.each(everyCombination.filter((row) => row.nonTarget === "PD"))("target $target, non-target PD, new lesions $newLesions → PD", (row) => {
    expect(overallResponse(row)).toBe("PD");
  });

  it.each(everyCombination.filter((row) => row.newLesions))("target $target, non-target $nonTarget, new lesion → PD", (row) => {
    expect(overallResponse(row)).toBe("PD");
  });
});

describe("overall response without target lesions or without non-target lesions", () => {
  it.each([
    // Non-target disease only; "non-CR/non-PD" is recorded as SD (our five-value convention).
    [{ target: "none", nonTarget: "CR", newLesions: false }, "CR"],
    [{ target: "none", nonTarget: "non-CR/non-PD", newLesions: false }, "SD"],
    [{ target: "none", nonTarget: "PD", newLesions: false }, "PD"],
    [{ target: "none", nonTarget: "NE", newLesions: false }, "NE"],
    [{ target: "none", nonTarget: "non-CR/non-PD", newLesions: true }, "PD"],
    // Target disease only: a target CR is a CR.
    [{ target: "CR", nonTarget: "none", newLesions: false }, "CR"],
    [{ target: "PR", nonTarget: "none", newLesions: false }, "PR"],
    [{ target: "CR", nonTarget: "none", newLesions: true }, "PD"],
  ] satisfies [OverallResponseInput, RecistResponse][])("%o → %s", (input, overall) => {
    expect(overallResponse(input)).toBe(overall);
  });
});

describe("overall response explanations", () => {
  it.each([
    [{ target: "SD", nonTarget: "non-CR/non-PD", newLesions: true }, "new lesion: PD"],
    [{ target: "SD", nonTarget: "PD", newLesions: false }, "non-target progression: PD"],
    [{ target: "PD", nonTarget: "PD", newLesions: true }, "new lesion; target lesions PD; non-target progression: PD"],
    [{ target: "CR", nonTarget: "non-CR/non-PD", newLesions: false }, "target lesions CR but non-target disease persists: PR"],
    [{ target: "CR", nonTarget: "NE", newLesions: false }, "target lesions CR but non-target lesions not evaluated: PR"],
    [{ target: "none", nonTarget: "non-CR/non-PD", newLesions: false }, "no target lesions; non-target disease persists (non-CR/non-PD, recorded as SD): SD"],
  ] satisfies [OverallResponseInput, string][])("%o: %s", (input, rule) => {
    expect(explainOverallResponse(input).rule).toBe(rule);
  });
});
