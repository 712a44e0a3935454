import { describe, expect, it } from "vitest";
import { imaging as imagingSchema, type PayloadOf } from "@/lib/events";
import { assessCourse, type CourseScan, type LineStart } from "./course";
import { bestResponseByLine, formatBestResponse } from "./best-response";
import type { TargetLesion } from "./lesions";
import { organKey } from "./organs";
import { targetLesionProblems } from "./lesions";

type Payload = PayloadOf<"imaging">;
const t = (id: string, organ: string, diameterMm: number, extra: Partial<TargetLesion> = {}): TargetLesion => ({ id, organ, nodal: false, diameterMm, ...extra });
const scan = (id: string, date: string, payload: Partial<Payload>): CourseScan => ({ id, date, payload: { modality: "CT", ...payload } });
const responses = (scans: CourseScan[], lines: LineStart[] = []) => {
  const course = assessCourse(scans, lines);
  return scans.map((s) => {
    const entry = course.get(s.id)!;
    return entry.assessment?.response ?? entry.role;
  });
};
const ruleOf = (scans: CourseScan[], id: string, lines: LineStart[] = []) => assessCourse(scans, lines).get(id)!.assessment!.rule;

const baseline3 = scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 40), t("T2", "lung", 30), t("T3", "lung", 30)] });

describe("a subset of target lesions measured (Eisenhauer 2009 §4.4, 'Missing assessments and inevaluable designation')", () => {
  it.each([
    ["two of three measured, would read PR −35% on the sum: NE", [t("T1", "liver", 35), t("T2", "lung", 30)], "NE"],
    ["two of three measured, the two alone already +20% and +5 mm over the nadir: PD whatever the third", [t("T1", "liver", 80), t("T2", "lung", 50)], "PD"],
    ["all three measured: the ordinary comparison (−35%: PR)", [t("T1", "liver", 25), t("T2", "lung", 20), t("T3", "lung", 20)], "PR"],
  ])("%s", (_, lesions, response) => {
    expect(responses([baseline3, scan("f", "2021-03-10", { targetLesions: lesions, nonTargetResponse: "non-CR/non-PD" })])[1]).toBe(response);
  });

  it("names the missing lesion in the rule", () => {
    const follow = scan("f", "2021-03-10", { targetLesions: [t("T1", "liver", 35), t("T2", "lung", 30)] });
    expect(ruleOf([baseline3, follow], "f")).toBe(
      "baseline lesion T3 (lung) not measured, and it could change the result (a subset of target lesions is not evaluable): NE",
    );
  });

  it("never takes a partial scan as the nadir, so it cannot hide progression later", () => {
    const partial = scan("p", "2021-03-10", { targetLesions: [t("T1", "liver", 20)] });
    const full = scan("f", "2021-05-10", { targetLesions: [t("T1", "liver", 40), t("T2", "lung", 30), t("T3", "lung", 30)] });
    const course = assessCourse([baseline3, partial, full]);
    expect(course.get("p")!.assessment!.response).toBe("NE");
    expect(course.get("f")!.assessment).toMatchObject({ response: "SD", nadirSumMm: 100 });
  });

  it("matches lesions without ids to the baseline lesion of the same organ in the same order, and says so", () => {
    const legacy = scan("b", "2021-01-10", { baseline: true, targetLesions: [{ organ: "liver", nodal: false, diameterMm: 40 }, { organ: "lung", nodal: false, diameterMm: 30 }] });
    const follow = scan("f", "2021-03-10", { targetLesions: [{ organ: "lung", nodal: false, diameterMm: 30 }, { organ: "hepatic", nodal: false, diameterMm: 40 }] });
    expect(assessCourse([legacy, follow]).get("f")!.assessment!.matches).toEqual([
      "lesion 1 (lung) taken as T2 (lung) by organ and order",
      "lesion 2 (hepatic) taken as T1 (liver) by organ and order",
    ]);
  });
});

describe("reappearance after a CR (EORTC RECIST FAQ 'Does a new lesion always result in PD?': PD when CR was assigned at the previous assessment)", () => {
  it.each([
    ["a lesion back at 4 mm after the CR", [t("T1", "liver", 4)], "PD"],
    ["still gone", [t("T1", "liver", 0)], "CR"],
  ])("baseline 30 mm → CR → %s: %s", (_, lesions, response) => {
    const scans = [
      scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 30)] }),
      scan("cr", "2021-03-10", { targetLesions: [t("T1", "liver", 0)], nonTargetResponse: "CR" }),
      scan("f", "2021-05-10", { targetLesions: lesions, nonTargetResponse: "CR" }),
    ];
    expect(responses(scans)).toEqual(["baseline", "CR", response]);
  });

  it("a node back from 8 to 11 mm after a nodal CR is PD", () => {
    const node = (mm: number) => [t("T1", "neck", mm, { nodal: true, organCode: "lymph-node" })];
    const scans = [
      scan("b", "2021-01-10", { baseline: true, targetLesions: node(20) }),
      scan("cr", "2021-03-10", { targetLesions: node(8), nonTargetResponse: "CR" }),
      scan("f", "2021-05-10", { targetLesions: node(11), nonTargetResponse: "CR" }),
    ];
    expect(responses(scans)).toEqual(["baseline", "CR", "PD"]);
    expect(ruleOf(scans, "f")).toBe("T1 11 mm back after the CR of 10 Mar 2021: PD");
  });

  it("while in PR a regrowing lesion is added back to the sum, not PD by itself", () => {
    const scans = [
      scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 30), t("T2", "lung", 30)] }),
      scan("pr", "2021-03-10", { targetLesions: [t("T1", "liver", 0), t("T2", "lung", 20)], nonTargetResponse: "non-CR/non-PD" }),
      scan("f", "2021-05-10", { targetLesions: [t("T1", "liver", 3), t("T2", "lung", 20)], nonTargetResponse: "non-CR/non-PD" }),
    ];
    expect(responses(scans)).toEqual(["baseline", "PR", "PR"]);
  });
});

describe("non-target disease only (Eisenhauer 2009 Table 2)", () => {
  const base = scan("b", "2021-01-10", { baseline: true, targetLesions: [], nonTargetLesions: [{ id: "N1", organ: "pleura", organCode: "pleura" }] });
  it.each([
    ["non-target CR", { nonTargetResponse: "CR" as const }, "CR"],
    ["non-CR/non-PD (recorded as SD)", { nonTargetResponse: "non-CR/non-PD" as const }, "SD"],
    ["unequivocal progression", { nonTargetResponse: "PD" as const }, "PD"],
    ["every non-target lesion absent, read from the lesions", { nonTargetLesions: [{ id: "N1", organ: "pleura", status: "absent" as const }] }, "CR"],
    ["a new lesion", { nonTargetResponse: "non-CR/non-PD" as const, newLesions: true }, "PD"],
  ])("%s: %s", (_, follow, response) => {
    expect(responses([base, scan("f", "2021-03-10", { targetLesions: [], ...follow })])[1]).toBe(response);
  });
});

describe("lesions too small to measure, gone, split or merged (Eisenhauer 2009 §4.3.2; EORTC RECIST FAQ 'lesions less than 5 mm')", () => {
  const parse = (lesion: TargetLesion) => imagingSchema.safeParse({ modality: "CT", targetLesions: [lesion] });
  it.each([
    ["too small to measure is recorded as 5 mm", t("T1", "liver", 5, { state: "too-small" }), true],
    ["too small to measure cannot be 3 mm", t("T1", "liver", 3, { state: "too-small" }), false],
    ["disappeared is recorded as 0 mm", t("T1", "liver", 0, { state: "disappeared" }), true],
    ["disappeared cannot be 4 mm", t("T1", "liver", 4, { state: "disappeared" }), false],
    ["a split lesion is the sum of its fragments", t("T1", "liver", 25, { fragmentsMm: [15, 10] }), true],
    ["a split lesion's diameter must add up", t("T1", "liver", 20, { fragmentsMm: [15, 10] }), false],
    ["a merged lesion is 0 mm and names the lesion it merged into", t("T2", "liver", 0, { state: "merged", mergedInto: "T1" }), true],
    ["a merged lesion must name the lesion it merged into", t("T2", "liver", 0, { state: "merged" }), false],
  ])("%s", (_, lesion, valid) => {
    expect(parse(lesion).success).toBe(valid);
  });

  it("counts a lesion too small to measure as 5 mm, so it is not a CR", () => {
    const scans = [
      scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 30)] }),
      scan("f", "2021-03-10", { targetLesions: [t("T1", "liver", 5, { state: "too-small" })], nonTargetResponse: "CR" }),
    ];
    expect(responses(scans)[1]).toBe("PR");
  });

  it("sums merged lesions once: the merged lesion carries the size, the other is 0 mm and still measured", () => {
    const scans = [
      scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 30), t("T2", "liver", 20)] }),
      scan("f", "2021-03-10", { targetLesions: [t("T1", "liver", 62), t("T2", "liver", 0, { state: "merged", mergedInto: "T1" })], nonTargetResponse: "non-CR/non-PD" }),
    ];
    expect(assessCourse(scans).get("f")!.assessment).toMatchObject({ response: "PD", targetSumMm: 62 });
  });
});

describe("continuing PR (EORTC RECIST FAQ 'Managing PR when TP measurements change slightly over time')", () => {
  it("100 → 70 → 70 → 80 stays PR once the PR is confirmed", () => {
    const sums = [100, 70, 70, 80, 80];
    const dates = ["2021-01-01", "2021-03-01", "2021-04-15", "2021-06-01", "2021-08-01"];
    const scans = sums.map((mm, i) => scan(`s${i}`, dates[i], { baseline: i === 0 ? true : undefined, targetLesions: [t("T1", "liver", mm)], nonTargetResponse: "non-CR/non-PD" }));
    expect(responses(scans)).toEqual(["baseline", "PR", "PR", "PR", "PR"]);
    expect(ruleOf(scans, "s3")).toBe("sum 80 mm is −20% from baseline 100 mm (PR needs −30%) and +14% over nadir 70 mm (PD needs +20%); the response confirmed on 15 Apr 2021 continues until progression: PR");
  });

  it("does not continue a PR that was never confirmed", () => {
    const scans = [
      scan("b", "2021-01-01", { baseline: true, targetLesions: [t("T1", "liver", 100)] }),
      scan("p", "2021-03-01", { targetLesions: [t("T1", "liver", 70)] }),
      scan("s", "2021-04-15", { targetLesions: [t("T1", "liver", 80)] }),
    ];
    expect(responses(scans)).toEqual(["baseline", "PR", "SD"]);
  });
});

describe("lines of therapy take a new baseline (RECIST 1.1 §4.1; DOMAIN.md)", () => {
  const lines: LineStart[] = [
    { line: 1, date: "2021-01-20", regimen: "doxorubicin" },
    { line: 2, date: "2021-07-01", regimen: "trabectedin" },
  ];
  const first = [
    scan("b1", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 100)] }),
    scan("n1", "2021-04-01", { targetLesions: [t("T1", "liver", 50)], nonTargetResponse: "non-CR/non-PD" }),
  ];
  it("after PD on line 1 and a new line without a baseline, the next scan is NE, not PD against line 1's nadir", () => {
    const scans = [...first, scan("pd", "2021-06-15", { targetLesions: [t("T1", "liver", 70)] }), scan("f", "2021-09-01", { targetLesions: [t("T1", "liver", 68)] })];
    expect(responses(scans, lines)).toEqual(["baseline", "PR", "PD", "NE"]);
    expect(ruleOf(scans, "f", lines)).toMatch(/^line 2 started on 1 Jul 2021 without a baseline scan of its own/);
  });

  it("a scan can be both even when no treatment line is recorded", () => {
    const both = scan("pd", "2021-06-15", { baseline: true, baselineForLine: 2, targetLesions: [t("T1", "liver", 70)] });
    expect(assessCourse([...first, both]).get("pd")).toMatchObject({ role: "baseline-and-assessment", opensLine: 2, assessment: { response: "PD" } });
  });

  it("one scan is both the PD assessment of line 1 and the baseline of line 2", () => {
    const both = scan("pd", "2021-06-15", { baseline: true, baselineForLine: 2, targetLesions: [t("T1", "liver", 70)] });
    const scans = [...first, both, scan("f", "2021-09-01", { targetLesions: [t("T1", "liver", 68)], nonTargetResponse: "non-CR/non-PD" })];
    const course = assessCourse(scans, lines);
    expect(course.get("pd")).toMatchObject({ role: "baseline-and-assessment", line: 1, opensLine: 2, assessment: { response: "PD" } });
    expect(course.get("f")).toMatchObject({ line: 2, assessment: { response: "SD", baselineSumMm: 70, nadirSumMm: 70 } });
  });
});

describe("best overall response per line, with confirmation (Eisenhauer 2009 §4.4.3, Table 3 and §4.6)", () => {
  const line1: LineStart[] = [{ line: 1, date: "2021-01-15", regimen: "doxorubicin" }];
  const course = (...points: [string, number][]) =>
    assessCourse(
      [scan("b", "2021-01-10", { baseline: true, targetLesions: [t("T1", "liver", 100)] }), ...points.map(([date, mm], i) => scan(`s${i}`, date, { targetLesions: [t("T1", "liver", mm)], nonTargetResponse: "non-CR/non-PD" }))],
      line1,
    );
  it.each([
    ["PR confirmed 4 weeks later", [["2021-03-01", 60], ["2021-03-29", 60]], "PR (confirmed)"],
    ["PR followed by SD: unconfirmed, so SD", [["2021-03-01", 60], ["2021-04-15", 80]], "SD (PR unconfirmed)"],
    ["PR seen once, 3 weeks later still PR: not yet confirmed", [["2021-03-01", 60], ["2021-03-22", 60]], "SD (PR unconfirmed)"],
    ["SD 4 weeks after the start (minimum 6 weeks), then PD", [["2021-02-12", 95], ["2021-04-01", 130]], "PD"],
    ["SD 7 weeks after the start", [["2021-03-05", 95]], "SD"],
    ["only SD earlier than 6 weeks", [["2021-02-12", 95]], "NE"],
  ] as [string, [string, number][], string][])("%s: %s", (_, points, best) => {
    const [result] = bestResponseByLine(course(...points), line1);
    expect(formatBestResponse(result)).toBe(best);
    expect(result.line).toBe(1);
  });

  it("takes the SD interval from the settings", () => {
    const [result] = bestResponseByLine(course(["2021-02-12", 95]), line1, { confirmationDays: 28, sdMinimumDays: 21 });
    expect(result.response).toBe("SD");
  });
});

describe("organs grouped by the coded organ (RECIST 1.1; EORTC FAQ on paired organs)", () => {
  it.each([
    ["liver segment 4", "hepatic", true],
    ["left lung", "right lung", true],
    ["left kidney", "renal", true],
    ["liver", "lung", false],
  ])("%s and %s are %s the same organ", (a, b, same) => {
    expect(organKey({ organ: a }) === organKey({ organ: b })).toBe(same);
  });

  it("counts 'liver segment 4' and 'hepatic' against one two-per-organ limit", () => {
    const lesions = [t("T1", "liver segment 4", 20), t("T2", "hepatic", 20), t("T3", "liver", 20)];
    expect(targetLesionProblems(lesions, { atBaseline: true }).map((p) => p.message)).toEqual(["RECIST 1.1 allows at most 2 target lesions per organ (liver has 3)"]);
  });
});
