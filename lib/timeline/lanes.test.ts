import { describe, expect, it } from "vitest";
import type { PayloadOf } from "@/lib/events";
import { buildTimeline, dayNumber as x, laneOf } from "./index";
import { ev } from "./fixtures";

const med = (id: string, from: string, to: string | undefined, payload: Partial<PayloadOf<"medication">>) =>
  ev("medication", from, { drug: "prednisolone", role: "immunosuppression", route: "oral", ...payload }, to ? { id, endedAt: to } : { id });

describe("immunosuppression lane", () => {
  it("lets the next dose take over when it starts before the stop, and drops at a stop time", () => {
    const lane = laneOf(
      buildTimeline([
        med("a", "2021-01-01", "2021-01-20", { dose: { value: 60, unit: "mg/day" } }),
        med("b", "2021-01-10", "2021-02-01T08:00", { dose: { value: 40, unit: "mg/day" } }),
      ]),
      "immunosuppression",
    );
    expect(lane.series[0].points.map((p) => [p.x, p.value])).toEqual([
      [x("2021-01-01"), 60],
      [x("2021-01-10"), 40],
      [x("2021-02-01T08:00"), 0],
    ]);
  });

  it("gives each systemic mg/day drug its own step line and shows other immunosuppression as spans", () => {
    const lane = laneOf(
      buildTimeline([
        med("p", "2021-01-01", undefined, { dose: { value: 40, unit: "mg/day" } }),
        med("mp", "2021-01-01", "2021-01-03", { drug: "methylprednisolone", route: "IV", dose: { value: 1000, unit: "mg/day" } }),
        med("mtx", "2021-02-01", undefined, { drug: "methotrexate", route: "SC", dose: { value: 15, unit: "mg/week" } }),
        med("ivig", "2021-03-01", "2021-03-05", { drug: "IVIG", route: "IV", dose: { value: 2, unit: "g/kg" } }),
        med("ppi", "2021-01-01", undefined, { drug: "omeprazole", role: "supportive", dose: { value: 20, unit: "mg/day" } }),
      ]),
      "immunosuppression",
    );
    // In order of first dose (then event id): IV pulses first here.
    expect(lane.series.map((s) => [s.id, s.points.map((p) => p.value)])).toEqual([
      ["dose-methylprednisolone", [1000, 0]],
      ["dose-prednisolone", [40]],
    ]);
    expect(lane.otherMedications.map((m) => [m.eventId, m.label])).toEqual([
      ["mtx", "Methotrexate 15 mg/week SC"],
      ["ivig", "IVIG 2 g/kg IV"],
    ]);
    expect(lane.table.rows.map((r) => r.cells[2])).toContain("IVIG 2 g/kg IV until 5 Mar 2021");
  });
});

describe("muscle lane", () => {
  it("lists an enzyme result without a printed upper limit in the table, not on the ×ULN axis", () => {
    const lane = laneOf(buildTimeline([ev("lab_result", "2021-01-01", { analyte: "ck", value: 300, unit: "U/L" }, { id: "ck" })]), "muscle");
    expect(lane.series).toEqual([]);
    expect(lane.table.rows[0].cells).toEqual(["1 Jan 2021", "CK", "300 U/L", "—", "no upper limit printed"]);
    expect(lane.notes).toEqual(["1 muscle enzyme result has no printed upper limit, so no ×ULN: listed in the table, not drawn."]);
  });

  it("keeps 0–80 and 0–150 MMT-8 scores apart", () => {
    const lane = laneOf(
      buildTimeline([
        ev("muscle_assessment", "2021-01-01", { mmt8: { score: 70, scale: 80 } }),
        ev("muscle_assessment", "2021-02-01", { mmt8: { score: 140, scale: 150 } }),
      ]),
      "muscle",
    );
    expect(lane.series.map((s) => [s.id, s.yDomain, s.points.map((p) => p.label)])).toEqual([
      ["mmt8-80", [0, 80], ["70/80"]],
      ["mmt8-150", [0, 150], ["140/150"]],
    ]);
  });

  it("leaves inflammatory markers (CRP, ESR, WBC) out of the muscle lane", () => {
    const m = buildTimeline([ev("lab_result", "2021-01-01", { analyte: "crp", value: 40, unit: "mg/L", referenceRange: { high: 5 } })]);
    expect(laneOf(m, "muscle").series).toEqual([]);
  });
});

describe("tumour lane", () => {
  it("adds up target lesions when no sum was entered, and gives no band between same-day assessments", () => {
    const lane = laneOf(
      buildTimeline([
        ev("imaging", "2021-01-01", { modality: "CT", response: "PR", targetLesions: [{ organ: "lung", nodal: false, diameterMm: 22 }, { organ: "node", nodal: true, diameterMm: 16 }] }),
        ev("imaging", "2021-01-01", { modality: "PET-CT", response: "PR" }),
        ev("imaging", "2021-03-01", { modality: "CT", response: "CR" }),
      ]),
      "tumour",
    );
    expect(lane.series[0].points.map((p) => p.label)).toEqual(["38 mm"]);
    expect(lane.bands.map((b) => [b.from, b.to, b.response])).toEqual([[x("2021-01-01"), x("2021-03-01"), "PR"]]);
  });
});

describe("tumour lane: recorded and computed responses, % change and best response per line", () => {
  const T1 = (diameterMm: number) => [{ id: "T1", organ: "liver", nodal: false, diameterMm }];
  const events = [
    ev("imaging", "2021-01-10", { modality: "CT", baseline: true, targetLesions: T1(100), recist: { rule: "baseline scan", targetSumMm: 100, baselineSumMm: 100 } }),
    ev("treatment_cycle", "2021-01-20", { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 1 }),
    ev("imaging", "2021-03-10", {
      modality: "CT",
      response: "CR",
      computedResponse: "PR",
      targetLesions: T1(60),
      recist: { rule: "sum 60 mm is −40% from baseline 100 mm: PR", baselineDate: "2021-01-10", baselineSumMm: 100, nadirDate: "2021-01-10", nadirSumMm: 100, changeFromBaselinePercent: -40, changeFromNadirPercent: -40 },
    }),
  ];
  const lane = laneOf(buildTimeline(events), "tumour");

  it("marks a scan whose imported response disagrees with the computed one, and says both", () => {
    const marker = lane.markers[1];
    expect(marker).toMatchObject({ response: "CR", disagrees: true, label: "CT: CR (complete response) as reported — disagrees with computed PR (partial response) (−40% from baseline)" });
    expect(lane.table.rows[1].cells).toEqual(["10 Mar 2021", "CT", "CR (complete response) as reported — disagrees with computed PR (partial response)", "60 mm", "−40% from baseline"]);
  });

  it("notes each line's best overall response, unconfirmed until a later scan confirms it", () => {
    expect(lane.notes).toEqual(["Best overall response, line 1 (doxorubicin): SD (PR unconfirmed): PR not confirmed, so SD on 10 Mar 2021, at least 6 weeks after the line started"]);
  });
});
