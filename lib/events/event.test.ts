import { describe, expect, it } from "vitest";
import { eventInput } from "./event";
import { lab, medication, muscle, skin } from "./testing";
import { fieldErrorsOf } from "./problems";
import { timesUpperLimit, ctcaeCpkGrade } from "./labs";

function errorsOf(input: unknown) {
  const parsed = eventInput.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("event input", () => {
  it("accepts the seed case's CK result with the lab's printed range", () => {
    const parsed = eventInput.parse(lab());
    expect(parsed.kind).toBe("lab_result");
  });

  it.each([
    [skin({ grade: 5 }), "payload.grade", "The skin grade is at most 4"],
    [skin({ grade: 2.5 }), "payload.grade", "The skin grade is a whole number"],
    [skin({ grade: 2, cdasiActivity: 101 }), "payload.cdasiActivity", "The CDASI activity is at most 100"],
    [lab({ value: -1 }), "payload.value", "The result cannot be negative"],
    [lab({ value: 10, unit: "mg/L" }), "payload.unit", "CK is reported in U/L, not mg/L"],
    [
      lab({ value: 10, referenceRange: { low: 200, high: 25 } }),
      "payload.referenceRange.low",
      "The range's low limit must not exceed its high limit",
    ],
    [
      muscle({ mmt8: { score: 90, scale: 80 } }),
      "payload.mmt8.score",
      "The MMT-8 score cannot exceed its scale",
    ],
    [skin({ occurredAt: "2020-02-30" }), "occurredAt", "Enter a real date as YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a time"],
    [
      medication({ endedAt: "2020-08-01" }),
      "endedAt",
      "The end date cannot be before the start date",
    ],
  ])("rejects %j at %s", (input, path, message) => {
    expect(errorsOf(input)[path]).toContain(message);
  });

  it("rejects an unknown kind with the list of kinds", () => {
    expect(Object.values(errorsOf({ kind: "horoscope", occurredAt: "2020-08-03", payload: {} })).flat().join(" ")).toMatch(/skin_assessment/);
  });
});

describe("×ULN", () => {
  it("divides by the lab's own upper limit", () => {
    expect(timesUpperLimit(695, { low: 25, high: 200 })).toBeCloseTo(3.475);
    expect(timesUpperLimit(695, { low: 25 })).toBeUndefined();
  });
  it("grades CPK increase by CTCAE v5", () => {
    expect([1, 1.01, 2.5, 2.6, 5.1, 10.1].map(ctcaeCpkGrade)).toEqual([0, 1, 1, 2, 3, 4]);
  });
});
