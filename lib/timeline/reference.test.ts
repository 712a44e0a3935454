import { describe, expect, it } from "vitest";
import { buildTimeline, dayNumber as x, readoutAt, withReference } from "./index";
import { seedCase } from "./fixtures";

const model = buildTimeline(seedCase());

describe("choosing day 0", () => {
  it("offers every diagnosis and the first cycle of each line, in date order", () => {
    expect(model.axis.choices.map((c) => [c.eventId, c.label])).toEqual([
      ["dx-lms", "Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020"],
      ["dox-1", "Line 1 start: Doxorubicin cycle 1, 10 Feb 2020"],
      ["trab-1", "Line 2 start: Trabectedin cycle 1, 21 Sep 2020"],
    ]);
  });

  it("relabels the axis without rebuilding, as the server would with that reference", () => {
    const onLine2 = withReference(model, "trab-1");
    expect(onLine2.axis).toEqual(buildTimeline(seedCase(), { referenceEventId: "trab-1" }).axis);
    expect(onLine2.lanes).toBe(model.lanes);
    // The flare admission, 49 days before line 2 began: shown with a negative day, not clipped.
    expect(readoutAt(onLine2, x("2020-08-03")).relativeLabel).toBe("day −49");
  });

  it("ignores an id that is not a choice", () => {
    expect(withReference(model, "ck-admission")).toBe(model);
    expect(withReference(model, "nonsense")).toBe(model);
  });
});
