import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { fromFhirDateTime, toFhirDateTime } from "./datetime";

/**
 * Clock changes against the reference: ECMAScript Temporal (temporal-polyfill), disambiguation
 * "compatible". Zones with 1-hour, 30-minute (Lord Howe), 45-minute-offset (Chatham), southern-
 * hemisphere and half-hour-offset (St John's, Tehran) changes; every quarter hour of every day on
 * which a zone's clock changed in 2020–2021.
 */
const zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Europe/Paris", "Pacific/Chatham", "America/Santiago", "Asia/Tehran", "Australia/Sydney", "America/St_Johns"];

function clockChangeWallTimes(zone: string): Temporal.PlainDateTime[] {
  const times: Temporal.PlainDateTime[] = [];
  for (let day = Temporal.PlainDate.from("2020-01-01"); Temporal.PlainDate.compare(day, Temporal.PlainDate.from("2022-01-01")) < 0; day = day.add({ days: 1 })) {
    if (day.toZonedDateTime({ timeZone: zone }).hoursInDay === 24) continue;
    for (let minute = 0; minute < 24 * 60; minute += 15) times.push(day.toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 }));
  }
  return times;
}

const isoMinute = (t: Temporal.PlainDateTime) => t.toString().slice(0, 16);

describe("clinic wall-clock times and FHIR instants at clock changes", () => {
  it.each(zones)("%s: export gives Temporal's instant, import Temporal's wall clock, on every clock-change day", (zone) => {
    const times = clockChangeWallTimes(zone);
    expect(times.length).toBeGreaterThan(4 * 24 * 2);
    const differences: string[] = [];
    for (const wall of times) {
      const reference = wall.toZonedDateTime(zone, { disambiguation: "compatible" });
      const exported = toFhirDateTime(isoMinute(wall), zone);
      if (Temporal.Instant.from(exported).epochMilliseconds !== reference.epochMilliseconds) differences.push(`export ${isoMinute(wall)}: ${exported}, Temporal ${reference.toString()}`);
      const imported = fromFhirDateTime(exported, zone);
      const back = isoMinute(reference.toPlainDateTime());
      if (!imported.ok || imported.date !== back) differences.push(`import ${exported}: ${JSON.stringify(imported)}, Temporal ${back}`);
    }
    expect(differences).toEqual([]);
  });

  it("a time in the repeated hour round-trips exactly as its first occurrence; a skipped time moves forward by the gap", () => {
    // London, 25 Oct 2020: 01:00–02:00 happens twice (BST then GMT).
    expect(toFhirDateTime("2020-10-25T01:30", "Europe/London")).toBe("2020-10-25T01:30:00+01:00");
    expect(fromFhirDateTime("2020-10-25T01:30:00+01:00", "Europe/London")).toEqual({ ok: true, date: "2020-10-25T01:30" });
    expect(fromFhirDateTime("2020-10-25T01:30:00Z", "Europe/London")).toEqual({ ok: true, date: "2020-10-25T01:30" });
    // New York, 8 Mar 2020: 02:00–03:00 does not exist; 02:30 is read with the offset before the change.
    expect(toFhirDateTime("2020-03-08T02:30", "America/New_York")).toBe("2020-03-08T03:30:00-04:00");
    expect(fromFhirDateTime(toFhirDateTime("2020-03-08T02:30", "America/New_York"), "America/New_York")).toEqual({ ok: true, date: "2020-03-08T03:30" });
  });
});
