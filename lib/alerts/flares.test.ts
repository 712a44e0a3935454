import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/events";
import { flaresOf } from "./flares";
import { priorValues } from "./reference";
import { defaultAlertSettings } from "./settings";
import { cdasi, ck, day, enteredInError, event, mmt8, mrc, muscle, skin } from "./testing";

const flareIds = (events: TimelineEvent[]) => flaresOf(events, defaultAlertSettings).map((flare) => flare.eventId);

describe("skin flare: grade ≥ 2 and ≥ 1 above the reference, or CDASI ≥ 14 and ≥ 5 above its reference", () => {
  it.each([
    ["grade 2 with nothing before it (reference 0)", [skin("s1", 0, 2)], ["s1"]],
    ["grade 1 is not a flare however it rose", [skin("s1", 0, 0), skin("s2", 30, 1)], []],
    ["grade 0 → 2", [skin("s1", 0, 0), skin("s2", 60, 2)], ["s2"]],
    ["grade 1 → 2: a rise of one grade is enough", [skin("s1", 0, 1), skin("s2", 60, 2)], ["s2"]],
    ["grade 2 → 2: persistent, not a flare", [skin("s1", 0, 2), skin("s2", 60, 2)], ["s1"]],
    ["the reference is the lowest of the 90 days, not the last value", [skin("s1", 0, 0), skin("s2", 30, 2), skin("s3", 60, 2)], ["s2", "s3"]],
    ["a value exactly 90 days before is in the reference period", [skin("s1", 0, 0), skin("s2", 30, 2), skin("s3", 90, 2)], ["s2", "s3"]],
    ["a value 91 days before is not", [skin("s1", 0, 0), skin("s2", 30, 2), skin("s3", 91, 2)], ["s2"]],
    ["nothing in the 90 days: the last value before is the reference (1 → 3)", [skin("s1", 0, 2), skin("s2", 30, 1), skin("s3", 200, 3)], ["s1", "s3"]],
    ["nothing in the 90 days: the last value before is the reference (3 → 3)", [skin("s1", 0, 3), skin("s2", 200, 3)], ["s1"]],
    ["CDASI 15 → 18 (+3) is not a flare", [cdasi("c1", 0, 15), cdasi("c2", 30, 18)], ["c1"]],
    ["CDASI 12 → 17 (+5, ≥ 14) is a flare", [cdasi("c1", 0, 12), cdasi("c2", 30, 17)], ["c2"]],
    ["CDASI 9 → 13 (+4, below 14) is not", [cdasi("c1", 0, 9), cdasi("c2", 30, 13)], []],
    ["CDASI has its own reference: grade-only assessments do not count as CDASI 0", [skin("s1", 0, 1), cdasi("c2", 30, 16), cdasi("c3", 60, 18)], ["c2"]],
  ])("%s", (_rule, events, expected) => {
    expect(flareIds(events)).toEqual(expected);
  });

  it("records what was compared", () => {
    expect(flaresOf([skin("s1", 0, 1, { cdasiActivity: 6 }), skin("s2", 40, 3, { cdasiActivity: 20 })], defaultAlertSettings)).toEqual([
      {
        eventId: "s2",
        occurredAt: day(40),
        domain: "skin",
        findings: [
          { criterion: "skin-grade", value: 3, reference: 1 },
          { criterion: "cdasi-activity", value: 20, reference: 6 },
        ],
      },
    ]);
  });

  it("compares only with assessments at an earlier date or time", () => {
    expect(flareIds([event("am", "skin_assessment", day(10, "08:00"), { grade: 2, signs: [] }), event("pm", "skin_assessment", day(10, "14:00"), { grade: 2, signs: [] })])).toEqual(["am"]);
    expect(flareIds([skin("a", 10, 2), skin("b", 10, 2)])).toEqual(["a", "b"]);
  });
});

describe("muscle flare by CK: ≥ 1×ULN and ≥ 2× the lowest ×ULN of 180 days; with no earlier CK, ≥ 2×ULN", () => {
  it.each([
    ["0.5 → 1.2×ULN", [ck("k1", 0, 100), ck("k2", 30, 240)], ["k2"]],
    ["0.8 → 1.5×ULN is less than double", [ck("k1", 0, 160), ck("k2", 30, 300)], []],
    ["0.4 → 0.9×ULN is still within range", [ck("k1", 0, 80), ck("k2", 30, 180)], []],
    ["the first CK at 1.9×ULN", [ck("k1", 0, 380)], []],
    ["the first CK at 2×ULN", [ck("k1", 0, 400)], ["k1"]],
    ["the reference is the lowest of the 180 days", [ck("k1", 0, 40), ck("k2", 30, 300), ck("k3", 60, 320)], ["k2", "k3"]],
    ["a CK 200 days earlier is too old: 1.5×ULN is judged as a first CK", [ck("k1", 0, 100), ck("k2", 200, 300)], []],
    ["a CK 200 days earlier is too old: 2×ULN is a flare", [ck("k1", 0, 100), ck("k2", 200, 400)], ["k2"]],
    ["results without an upper limit are skipped", [ck("k1", 0, 695, null)], []],
    ["each result against its own lab's range (0.5 → 1.2×ULN)", [ck("k1", 0, 100, 200), ck("k2", 30, 120, 100)], ["k2"]],
    [
      "a result printed as '< 500' is an upper bound, not a flare",
      [event("k1", "lab_result", day(0), { analyte: "ck", value: 500, comparator: "<", unit: "U/L", referenceRange: { high: 200 } })],
      [],
    ],
    ["other enzymes do not count", [event("a1", "lab_result", day(0), { analyte: "alt", value: 500, unit: "U/L", referenceRange: { high: 49 } })], []],
  ])("%s", (_rule, events, expected) => {
    expect(flareIds(events)).toEqual(expected);
  });
});

describe("muscle flare by examination: MMT-8 down ≥ 20% on the same scale, or new proximal weakness (MRC ≤ 4)", () => {
  it.each([
    ["MMT-8 70 → 56 of 80 (−20%)", [mmt8("m1", 0, 70), mmt8("m2", 30, 56)], ["m2"]],
    ["MMT-8 70 → 57 of 80 (−18.6%)", [mmt8("m1", 0, 70), mmt8("m2", 30, 57)], []],
    ["MMT-8 on different scales is not compared", [mmt8("m1", 0, 70, 80), mmt8("m2", 30, 100, 150)], []],
    ["MMT-8 is compared with the previous score on its own scale", [mmt8("m1", 0, 140, 150), mmt8("m2", 10, 70, 80), mmt8("m3", 20, 110, 150)], ["m3"]],
    ["MRC 5 → 4", [mrc("r1", 0, 5), mrc("r2", 30, 4)], ["r2"]],
    ["MRC 4 → 3.5: weakness, but not new", [mrc("r1", 0, 4), mrc("r2", 30, 3.5)], ["r1"]],
    ["the first MRC 4.5", [mrc("r1", 0, 4.5)], []],
    ["the first MRC 3.5", [mrc("r1", 0, 3.5)], ["r1"]],
    ["an assessment without MRC leaves the previous MRC standing", [mrc("r1", 0, 5), muscle("d", 10, { dysphagia: true }), mrc("r2", 20, 4)], ["r2"]],
  ])("%s", (_rule, events, expected) => {
    expect(flareIds(events)).toEqual(expected);
  });
});

describe("flare points", () => {
  it("come in clinical order whatever the input order, one per event", () => {
    const events = [ck("k", 30, 500), skin("s", 10, 3), muscle("m", 20, { mmt8: { score: 50, scale: 80 }, proximalWeaknessMrc: 3 })];
    const flares = flaresOf(events, defaultAlertSettings);
    expect(flares.map((flare) => [flare.eventId, flare.domain, flare.findings.map((finding) => finding.criterion)])).toEqual([
      ["s", "skin", ["skin-grade"]],
      ["m", "muscle", ["proximal-weakness"]],
      ["k", "muscle", ["ck"]],
    ]);
  });

  it("ignore events entered in error, and references from them", () => {
    expect(flareIds([enteredInError(skin("s1", 0, 2)), skin("s2", 30, 2)])).toEqual(["s2"]);
    expect(flareIds([enteredInError(skin("s1", 30, 3))])).toEqual([]);
  });

  it("use only the latest version of an event", () => {
    const amended = { ...skin("s1", 0, 1), versionId: "s1@2", version: 2, status: "amended" as const };
    expect(flareIds([skin("s1", 0, 3), amended])).toEqual([]);
  });
});

describe("prior values over a sliding window", () => {
  it("gives the lowest of the window and the last value before each point", () => {
    const points = [5, 3, 4, 9, 1].map((value, i) => ({ date: day(i * 10), day: i * 10, value }));
    expect(priorValues(points, 15)).toEqual([
      { lowestInWindow: undefined, lastBefore: undefined },
      { lowestInWindow: 5, lastBefore: 5 },
      { lowestInWindow: 3, lastBefore: 3 },
      { lowestInWindow: 4, lastBefore: 4 },
      { lowestInWindow: 9, lastBefore: 9 },
    ]);
  });
});
