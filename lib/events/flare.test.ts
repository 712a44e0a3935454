import { describe, expect, it } from "vitest";
import { eventInput } from "./event";
import { flareLog, flareLogEvents } from "./flare";
import { skin } from "./testing";

describe("a flare log", () => {
  it("records a skin assessment and the CK measured with it, on the same date", () => {
    const flare = flareLog.parse({
      occurredAt: "2020-08-03",
      skin: { grade: 3, cdasiActivity: 28, signs: ["shawl-sign", "heliotrope"] },
      ck: { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } },
    });
    const events = flareLogEvents(flare);
    expect(events.map((e) => [e.kind, e.occurredAt])).toEqual([
      ["skin_assessment", "2020-08-03"],
      ["lab_result", "2020-08-03"],
    ]);
    for (const event of events) expect(eventInput.safeParse(event).success).toBe(true);
  });

  it("records the skin assessment alone when no CK was measured", () => {
    expect(flareLogEvents(flareLog.parse({ occurredAt: "2020-08-03T10:30", skin: { grade: 1 } }))).toEqual([
      skin({ occurredAt: "2020-08-03T10:30", grade: 1 }),
    ]);
  });

  it("checks each part with its kind's schema, with the field paths the form uses", () => {
    const result = flareLog.safeParse({ occurredAt: "2020-02-30", skin: { grade: 7 }, ck: { analyte: "ck", value: 300, unit: "U/L", referenceRange: { low: 200, high: 25 } } });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(["occurredAt", "skin.grade", "ck.referenceRange.low"]);
  });
});
