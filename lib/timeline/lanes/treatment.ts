import { formatClinicalDate, type EventOfKind } from "@/lib/events";
import { dayNumber, eventX } from "../axis";
import { capitalise, table } from "../series";
import type { CycleTick, InterventionSpan, LineSpan, TreatmentLane } from "../types";

export interface TreatmentEvents {
  cycles: EventOfKind<"treatment_cycle">[];
  adverseEvents: EventOfKind<"adverse_event">[];
  procedures: EventOfKind<"procedure">[];
  radiotherapy: EventOfKind<"radiotherapy">[];
}

/** "−25%", "+10%": a true minus sign, as printed on a prescription chart. */
export function formatPercentChange(percent: number): string {
  return percent < 0 ? `−${-percent}%` : `+${percent}%`;
}

function cycleTick(e: EventOfKind<"treatment_cycle">): CycleTick {
  const { regimen, lineOfTherapy, cycleNumber, dose, doseChangePercent } = e.payload;
  const tick: CycleTick = {
    x: eventX(e),
    eventId: e.id,
    dateLabel: formatClinicalDate(e.occurredAt),
    line: lineOfTherapy,
    cycleNumber,
    regimen,
    label: `${capitalise(regimen)} cycle ${cycleNumber}`,
  };
  if (dose) tick.dose = `${dose.value} ${dose.unit}`;
  if (doseChangePercent !== undefined && doseChangePercent !== 0) tick.doseChangePercent = doseChangePercent;
  return tick;
}

/** Lines of therapy as spans from the first to the last cycle (its end date when recorded), in start order. */
function lineSpans(cycles: EventOfKind<"treatment_cycle">[]): LineSpan[] {
  const byLine = new Map<number, EventOfKind<"treatment_cycle">[]>();
  for (const c of cycles) {
    const line = byLine.get(c.payload.lineOfTherapy);
    if (line) line.push(c);
    else byLine.set(c.payload.lineOfTherapy, [c]);
  }
  return [...byLine.entries()]
    .map(([line, list]) => {
      const regimens: string[] = [];
      for (const c of list) {
        if (!regimens.some((r) => r.toLowerCase() === c.payload.regimen.toLowerCase())) regimens.push(c.payload.regimen);
      }
      const ends = list.map((c) => (c.endedAt !== undefined ? dayNumber(c.endedAt) : eventX(c)));
      const first = list[0];
      const last = list[list.length - 1];
      const regimenText = regimens.join(", ");
      return {
        line,
        from: eventX(first),
        to: Math.max(...ends),
        regimens: regimenText,
        cycleCount: list.length,
        label: `Line ${line}: ${regimenText} (${list.length} ${list.length === 1 ? "cycle" : "cycles"})`,
        firstCycleEventId: first.id,
        lastCycleEventId: last.id,
      };
    })
    .sort((a, b) => a.from - b.from || a.line - b.line);
}

/** Treatment is never downsampled: every cycle, dose change and adverse event is drawn. */
export function treatmentLane(events: TreatmentEvents): TreatmentLane {
  const cycles = events.cycles.map(cycleTick);
  const doseChanges = events.cycles.flatMap((e) => {
    const percent = e.payload.doseChangePercent;
    if (percent === undefined || percent === 0) return [];
    const reason = e.payload.doseChangeReason;
    const label = `Dose ${formatPercentChange(percent)}${reason ? ` (${reason})` : ""} from ${e.payload.regimen} cycle ${e.payload.cycleNumber}`;
    return [{ x: eventX(e), eventId: e.id, dateLabel: formatClinicalDate(e.occurredAt), label, percent }];
  });
  const adverseEvents = events.adverseEvents.map((e) => ({
    x: eventX(e),
    eventId: e.id,
    dateLabel: formatClinicalDate(e.occurredAt),
    label: `${capitalise(e.payload.term)}, CTCAE grade ${e.payload.grade}`,
    grade: e.payload.grade,
  }));
  const interventions: InterventionSpan[] = [
    ...events.procedures.map((e) => ({
      from: eventX(e),
      to: e.endedAt !== undefined ? dayNumber(e.endedAt) : eventX(e),
      eventId: e.id,
      dateLabel: formatClinicalDate(e.occurredAt),
      kind: "procedure" as const,
      label: `${capitalise(e.payload.name)}${e.payload.site ? `, ${e.payload.site}` : ""}`,
    })),
    ...events.radiotherapy.map((e) => {
      const { site, totalDoseGy, fractions } = e.payload;
      const dose = totalDoseGy !== undefined ? `, ${totalDoseGy} Gy${fractions !== undefined ? ` in ${fractions} fractions` : ""}` : "";
      const to = e.endedAt !== undefined ? dayNumber(e.endedAt) : eventX(e);
      const dateLabel = formatClinicalDate(e.occurredAt);
      return { from: eventX(e), to, eventId: e.id, dateLabel, kind: "radiotherapy" as const, label: `Radiotherapy: ${site}${dose}` };
    }),
  ].sort((a, b) => a.from - b.from);

  const changeByCycle = new Map(doseChanges.map((d) => [d.eventId, d]));
  const rows = [
    ...cycles.map((c) => {
      const change = changeByCycle.get(c.eventId);
      const details = [c.dose, change?.label].filter((d): d is string => d !== undefined).join("; ");
      return { key: `cycle:${c.eventId}`, x: c.x, cells: [c.dateLabel, `Line ${c.line}: ${c.label}`, details || "—"] };
    }),
    ...adverseEvents.map((a) => ({ key: `adverse:${a.eventId}`, x: a.x, cells: [a.dateLabel, "Adverse event", a.label] })),
    ...interventions.map((i) => ({ key: `${i.kind}:${i.eventId}`, x: i.from, cells: [i.dateLabel, capitalise(i.kind), i.label] })),
  ];

  return {
    id: "treatment",
    title: "Anticancer treatment",
    lines: lineSpans(events.cycles),
    cycles,
    doseChanges,
    adverseEvents,
    interventions,
    series: [],
    table: table("Anticancer treatment", ["Date", "Event", "Details"], rows),
    notes: [],
  };
}
