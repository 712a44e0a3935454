import { expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/events";
import { evaluate } from "./evaluate";
import { flaresOf } from "./flares";
import { defaultAlertSettings } from "./settings";
import { antibody, cancer, ck, cycle, day, event, mmt8, scan, shuffled, skin } from "./testing";

/**
 * A long, busy record: about 11 years of near-daily skin, CK and muscle findings, quiet except for a
 * three-day flare every 120 days, with a scan every 45 days, cycles, notes and other labs.
 */
function busyRecord(size: number): TimelineEvent[] {
  let state = 42;
  const random = (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
  const events: TimelineEvent[] = [cancer(), antibody("ab", 3, "tif1-gamma", "positive")];
  for (let i = 0; events.length < size; i++) {
    const on = Math.floor(i / 5);
    const flaring = on % 120 >= 100 && on % 120 < 103;
    switch (i % 5) {
      case 0:
        events.push(skin(`s${i}`, on, flaring ? 3 : random(2), { cdasiActivity: flaring ? 30 : random(10) }));
        break;
      case 1:
        events.push(ck(`k${i}`, on, flaring ? 700 : 60 + random(120)));
        break;
      case 2:
        events.push(mmt8(`m${i}`, on, flaring ? 50 : 74 + random(7)));
        break;
      case 3:
        if (on % 45 === 0) events.push(scan(`ct${i}`, on, (["SD", "PR", "PD"] as const)[random(3)]));
        else if (on % 21 === 0) events.push(cycle(`c${i}`, on, 1 + (on % 6)));
        else events.push(event(`n${i}`, "note", day(on), { text: "Seen in clinic." }));
        break;
      default:
        events.push(event(`a${i}`, "lab_result", day(on, "09:30"), { analyte: "alt", value: 20 + random(80), unit: "U/L", referenceRange: { high: 49 } }));
    }
  }
  return events;
}

/** Median wall-clock milliseconds of `runs` calls, after one to warm up. */
function medianMs(runs: number, work: () => unknown): number {
  work();
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    timings.push(performance.now() - started);
  }
  return timings.sort((a, b) => a - b)[runs >> 1];
}

it("evaluates a 20 000-event record in well under 50 ms", () => {
  const inOrder = busyRecord(20_000);
  const anyOrder = shuffled(inOrder, 7);
  const now = day(5000);
  const alerts = evaluate({ id: "busy" }, anyOrder, defaultAlertSettings, now);
  const sorted = medianMs(9, () => evaluate({ id: "busy" }, inOrder, defaultAlertSettings, now));
  const shuffledMs = medianMs(9, () => evaluate({ id: "busy" }, anyOrder, defaultAlertSettings, now));
  console.info(
    `evaluate: ${inOrder.length} events, ${flaresOf(inOrder, defaultAlertSettings).length} flare points, ${alerts.length} alerts; ` +
      `median ${sorted.toFixed(1)} ms in date order, ${shuffledMs.toFixed(1)} ms shuffled`,
  );
  expect(alerts.length).toBeGreaterThan(10);
  expect(evaluate({ id: "busy" }, inOrder, defaultAlertSettings, now)).toEqual(alerts);
  // Only a guard against quadratic work (which would take seconds); the printed timing is the sanity check.
  expect(shuffledMs).toBeLessThan(1000);
});
