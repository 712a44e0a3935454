import { describe, expect, it } from "vitest";
import { isMeasurableAtBaseline, targetLesionProblems, targetLesionSum, type TargetLesion } from "./lesions";

const lesion = (organ: string, diameterMm: number, nodal = false): TargetLesion => ({ organ, diameterMm, nodal });

describe("sum of diameters", () => {
  it("adds longest diameters of lesions and short axes of nodes", () => {
    expect(targetLesionSum([lesion("liver", 32), lesion("lung", 14), lesion("mediastinum", 18, true)])).toBe(64);
  });

  it("adds decimals exactly, as a radiologist would", () => {
    expect(targetLesionSum([lesion("liver", 12.1), lesion("lung", 7.3)])).toBe(19.4);
  });

  it("is 0 mm with no lesions", () => {
    expect(targetLesionSum([])).toBe(0);
  });
});

describe("measurable at baseline (RECIST 1.1: lesion ≥ 10 mm, node ≥ 15 mm short axis)", () => {
  it.each([
    ["a 10 mm liver lesion", lesion("liver", 10), true],
    ["a 9.9 mm liver lesion", lesion("liver", 9.9), false],
    ["a node of 15 mm short axis", lesion("neck", 15, true), true],
    ["a node of 14.9 mm short axis (pathological but non-measurable)", lesion("neck", 14.9, true), false],
    ["a node of 12 mm short axis, though a lesion of 12 mm would do", lesion("neck", 12, true), false],
  ])("%s: %s", (_, target, measurable) => {
    expect(isMeasurableAtBaseline(target)).toBe(measurable);
  });
});

describe("target lesion problems", () => {
  const messages = (lesions: TargetLesion[], atBaseline = true) => targetLesionProblems(lesions, { atBaseline }).map((p) => p.message);

  it("accepts five measurable lesions in different organs", () => {
    expect(messages([lesion("liver", 30), lesion("liver", 20), lesion("lung", 15), lesion("adrenal", 22), lesion("neck", 16, true)])).toEqual([]);
  });

  it("allows at most 5 target lesions in total", () => {
    const six = ["liver", "lung", "adrenal", "peritoneum", "skin", "soft tissue"].map((organ) => lesion(organ, 20));
    expect(messages(six)).toEqual(["RECIST 1.1 allows at most 5 target lesions (6 listed)"]);
  });

  it("allows at most 2 target lesions per organ", () => {
    expect(messages([lesion("liver", 30), lesion("Liver ", 20), lesion("liver", 15)])).toEqual([
      "RECIST 1.1 allows at most 2 target lesions per organ (liver has 3)",
    ]);
  });

  it("counts both lungs as one organ (EORTC FAQ on paired organs)", () => {
    expect(messages([lesion("left lung", 30), lesion("right lung", 20), lesion("lung", 15)])).toEqual([
      "RECIST 1.1 allows at most 2 target lesions per organ (lung has 3)",
    ]);
  });

  it("counts all lymph nodes as one organ", () => {
    expect(messages([lesion("neck", 20, true), lesion("mediastinum", 18, true), lesion("groin", 16, true)])).toEqual([
      "RECIST 1.1 allows at most 2 target lesions per organ (lymph nodes, counted as one organ, have 3)",
    ]);
  });

  it("names a lesion too small to be a target at baseline", () => {
    expect(targetLesionProblems([lesion("liver", 30), lesion("lung", 8), lesion("neck", 12, true)], { atBaseline: true })).toEqual([
      { lesionIndex: 1, message: "Target lesion 2 (lung) measures 8 mm; a target lesion needs at least 10 mm at baseline" },
      { lesionIndex: 2, message: "Target lesion 3 (neck) has a short axis of 12 mm; a target lymph node needs at least 15 mm at baseline" },
    ]);
  });

  it("lets lesions shrink to any size, even 0 mm, on follow-up", () => {
    expect(messages([lesion("liver", 0), lesion("lung", 4), lesion("neck", 8, true)], false)).toEqual([]);
  });
});
