import { describe, expect, it } from "vitest";
import type { EventOfKind, PayloadOf } from "@/lib/events";
import { input, stored } from "@/lib/events/testing";
import { proposeNextCycle } from "./next-cycle";

const cycle = (occurredAt: string, payload: PayloadOf<"treatment_cycle">, status: EventOfKind<"treatment_cycle">["status"] = "final") =>
  stored(input("treatment_cycle", occurredAt, payload), { id: `${occurredAt}-${payload.cycleNumber}`, status });

const doxorubicin = (n: number, occurredAt: string, dose: number) =>
  cycle(occurredAt, { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: n, dose: { value: dose, unit: "mg/m2" }, intent: "palliative" });

describe("proposing the next treatment cycle", () => {
  it("proposes nothing for a patient without cycles", () => {
    expect(proposeNextCycle([])).toBeUndefined();
  });

  it("continues the latest cycle's line and regimen with the next number, at the dose last given", () => {
    const reduced = cycle("2020-03-23", {
      regimen: "doxorubicin",
      lineOfTherapy: 1,
      cycleNumber: 3,
      dose: { value: 56.25, unit: "mg/m2" },
      doseChangePercent: -25,
      doseChangeReason: "febrile neutropenia",
      intent: "palliative",
    });
    // Recorded out of order, as back-entered history is.
    const proposal = proposeNextCycle([reduced, doxorubicin(1, "2020-02-10", 75), doxorubicin(2, "2020-03-02", 75)]);
    expect(proposal).toMatchObject({ regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 4, dose: { value: 56.25, unit: "mg/m2" }, intent: "palliative" });
    expect(proposal?.basedOn).toBe(reduced);
    expect(proposal).not.toHaveProperty("doseChangePercent");
  });

  it("follows the second line once it has started", () => {
    const trabectedin = cycle("2020-09-14", { regimen: "trabectedin", lineOfTherapy: 2, cycleNumber: 1, dose: { value: 1.5, unit: "mg/m2" } });
    expect(proposeNextCycle([doxorubicin(6, "2020-05-25", 56.25), trabectedin])).toMatchObject({ regimen: "trabectedin", lineOfTherapy: 2, cycleNumber: 2 });
  });

  it("ignores a cycle entered in error", () => {
    const wrong = cycle("2020-04-13", { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 9 }, "entered_in_error");
    expect(proposeNextCycle([doxorubicin(2, "2020-03-02", 75), wrong])).toMatchObject({ cycleNumber: 3 });
  });

  it("orders two cycles on the same day by line, then cycle number", () => {
    expect(proposeNextCycle([doxorubicin(3, "2020-03-23", 75), doxorubicin(2, "2020-03-23", 75)])).toMatchObject({ cycleNumber: 4 });
  });
});
