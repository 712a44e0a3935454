import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildTimeline } from "./build";
import { digestRecord, keptEvents, overviewModel } from "./chart-digest";
import { generatedPatient, seedCase } from "./fixtures";
import { packModel, unpackModel } from "./transport";
import type { TimelineModel } from "./types";

/** What the browser gets back must be the model the server built, exactly: no value rounded, none lost. */
const roundTrip = (model: TimelineModel) => unpackModel(JSON.parse(JSON.stringify(packModel(model))));

describe("the chart model packed for the page", () => {
  it("unpacks to the model packed: the seed case, and a 20 000-event record's overview in 60% of the size or less", () => {
    const seed = buildTimeline(seedCase(), { today: "2030-01-01" });
    expect(roundTrip(seed)).toEqual(seed);
    const events = generatedPatient(20_000);
    const digests = digestRecord(events);
    const overview = overviewModel(keptEvents(events, digests), digests);
    expect(roundTrip(overview)).toEqual(overview);
    expect(JSON.stringify(packModel(overview)).length).toBeLessThan(JSON.stringify(overview).length * 0.6);
  });

  it("unpacks any JSON to itself, whatever its strings (the marker included) and lists", () => {
    const marked = fc.oneof(fc.string(), fc.constantFrom("§", "§rows", "§0", "§12"));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, marked, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie("list"), tie("object"), tie("rows")),
      list: fc.array(tie("value"), { maxLength: 12 }),
      object: fc.dictionary(marked, tie("value"), { maxKeys: 5 }),
      // Long lists of objects sharing keys, some keys missing: what gets packed as rows.
      rows: fc.array(fc.record({ x: fc.integer(), label: fc.constantFrom("12 Mar 2021", "§rows", "695 U/L"), detail: fc.option(marked, { nil: undefined }) }, { requiredKeys: ["x"] }), { minLength: 8, maxLength: 20 }),
    }));
    fc.assert(
      fc.property(json.value, (value) => {
        const sent = JSON.parse(JSON.stringify({ lanes: value }));
        expect(roundTrip(sent as TimelineModel)).toEqual(sent);
      }),
      { numRuns: 300 },
    );
  });
});
