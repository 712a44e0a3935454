import { describe, expect, it } from "vitest";
import { buildTimeline, dayNumber as x, describeReadout, readoutAt } from "./index";
import { seedCase } from "./fixtures";

const model = buildTimeline(seedCase());
const text = (date: string) => describeReadout(readoutAt(model, x(date)), model.axis.reference?.label);
const lane = (date: string, id: string) => text(date).lanes.find((l) => l.lane === id)!;

describe("the readout as text", () => {
  it("reads every result of the day with its unit, the lab's range and ×ULN, never rounded", () => {
    expect(text("2020-08-03").heading).toBe("3 Aug 2020 · day 210");
    expect(lane("2020-08-03", "muscle").items).toEqual([
      { name: "CK", values: ["695 U/L (25–200 U/L), 3.48×ULN", "720 U/L (25–200 U/L), 3.6×ULN at 18:00"] },
      { name: "ALT", values: ["61 U/L (10–49 U/L), 1.24×ULN"] },
      { name: "MMT-8 (0–80)", values: ["62/80"] },
      { name: "Proximal strength (MRC)", values: ["3.5/5"] },
    ]);
    expect(lane("2020-08-03", "skin").items).toEqual([
      { name: "Skin grade", values: ["4 (very severe); Shawl sign, V-sign, Heliotrope rash, Gottron's papules"] },
      { name: "CDASI activity", values: ["32/100"] },
    ]);
  });

  it("carries a dose forward with the date it started", () => {
    expect(lane("2020-08-25", "immunosuppression").items).toEqual([{ name: "Prednisolone", values: ["30 mg/day; oral, tapering (since 18 Aug 2020)"] }]);
  });

  it("says what was going on and what happened that day", () => {
    const treatment = lane("2020-03-23", "treatment");
    expect(treatment.context).toEqual(["Line 1: doxorubicin (6 cycles)"]);
    expect(treatment.events).toContain("Dose −25% (febrile neutropenia) from doxorubicin cycle 3");
    expect(lane("2020-07-01", "skin").empty).toBe(true);
  });

  it("gives a screen reader one sentence with the date, day 0 and every value", () => {
    const sentence = text("2020-08-03").sentence;
    expect(sentence).toMatch(/^3 Aug 2020, day 210 from Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020\. /);
    expect(sentence).toContain("Muscle activity: CK 695 U/L (25–200 U/L), 3.48×ULN and 720 U/L (25–200 U/L), 3.6×ULN at 18:00; ALT");
    expect(describeReadout(readoutAt(model, x("2019-06-01"))).sentence).toBe("1 Jun 2019, day −219. Nothing recorded on this day.");
  });
});
