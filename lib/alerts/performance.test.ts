import { expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/events";
import { evaluate } from "./evaluate";
import { findingsOf } from "./findings";
import { patientRecord } from "./record";
import { defaultAlertSettings } from "./settings";
import { antibody, cancer, ck, cycle, day, dmDiagnosis, event, mmt8, scan, shuffled, skin } from "./testing";

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
  const events: TimelineEvent[] = [cancer(), dmDiagnosis(), antibody("ab", 3, "tif1-gamma", "positive")];
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

it("evaluates a 20 000-event record in any order to the same alerts (its speed is measured by bench:alerts)", () => {
  const inOrder = busyRecord(20_000);
  const anyOrder = shuffled(inOrder, 7);
  const now = day(5000);
  const alerts = evaluate({ id: "busy" }, anyOrder, defaultAlertSettings, now);
  const findings = findingsOf(patientRecord(inOrder, defaultAlertSettings, now), defaultAlertSettings);
  console.info(`evaluate: ${inOrder.length} events, ${findings.length} findings, ${alerts.length} alerts`);
  expect(alerts.length).toBeGreaterThan(10);
  expect(evaluate({ id: "busy" }, inOrder, defaultAlertSettings, now)).toEqual(alerts);
});
