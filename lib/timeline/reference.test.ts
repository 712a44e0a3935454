import { describe, expect, it } from "vitest";
import { buildTimeline, dayNumber as x, readoutAt, withReference } from "./index";
import { seedCase } from "./fixtures";

const model = buildTimeline(seedCase());

describe("choosing day 0", () => {
  it("offers every diagnosis, the first cycle of each line and every scan, procedure and radiotherapy, in date order", () => {
    const choices = model.axis.choices.map((c) => [c.eventId, c.label]);
    expect(choices.filter(([id]) => ["dx-lms", "dox-1", "trab-1"].includes(id))).toEqual([
      ["dx-lms", "Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020"],
      ["dox-1", "Line 1 start: Doxorubicin cycle 1, 10 Feb 2020"],
      ["trab-1", "Line 2 start: Trabectedin cycle 1, 21 Sep 2020"],
    ]);
    // Imaging can be day 0: "days from the last CT". Earlier CTs are named by their date only.
    expect(choices).toContainEqual(["ct-baseline", "CT, 8 Jan 2020"]);
    expect(choices).toContainEqual(["mri-thigh", "The last MRI, 5 Aug 2020"]);
    const lastCt = choices.filter(([, label]) => label.startsWith("The last CT"));
    expect(lastCt).toHaveLength(1);
    // A later cycle of a line is not offered: its line's first cycle is.
    expect(choices.map(([id]) => id)).not.toContain("trab-2");
    expect(model.axis.choices.map((c) => c.x)).toEqual([...model.axis.choices.map((c) => c.x)].sort((a, b) => a - b));
  });

  it("takes any event as day 0 when asked for it, a lab result included", () => {
    const fromLab = buildTimeline(seedCase(), { referenceEventId: "ck-admission" });
    expect(fromLab.axis.reference).toMatchObject({ eventId: "ck-admission" });
    expect(fromLab.axis.reference?.label).toMatch(/^Lab result: .*3 Aug 2020$/);
    expect(fromLab.axis.choices.map((c) => c.eventId)).toContain("ck-admission");
    expect(readoutAt(fromLab, x("2020-08-03")).relativeLabel).toBe("day 0");
  });

  it("counts days from the last CT", () => {
    const lastCt = model.axis.choices.find((c) => c.label.startsWith("The last CT"))!;
    const fromCt = withReference(model, lastCt.eventId);
    expect(readoutAt(fromCt, lastCt.x + 14).relativeLabel).toBe("day 14");
    expect(readoutAt(fromCt, lastCt.x - 3).relativeLabel).toBe("day −3");
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
