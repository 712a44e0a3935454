import { addDays, formatClinicalDate, type ClinicalDate, type EventOfKind } from "@/lib/events";
import { dayNumber, eventX } from "../axis";
import { asBuilt, capitalise, point, series, table } from "../series";
import type { ImmunosuppressionLane, MedicationSpan, NumericSeries, SeriesPoint, TableModel } from "../types";

type Medication = EventOfKind<"medication">;

/** Drawn as a mg/day step line: systemic (oral or IV) immunosuppression dosed per day. */
function isDailySystemic(e: Medication): boolean {
  return e.payload.role === "immunosuppression" && (e.payload.route === "oral" || e.payload.route === "IV") && e.payload.dose?.unit === "mg/day";
}

/**
 * Where a stopped drug's line drops to zero. endedAt is the last day the drug was taken (DESIGN.md:
 * "last day of ... a medication"), so for a day-precision end the dose holds through that day and the
 * zero starts the next day; a time-precision end drops at that time. This keeps a taper entered as
 * "40 mg until 14 Aug" then "30 mg from 15 Aug" from dipping to zero for a day at every step.
 */
function stopDate(endedAt: ClinicalDate): ClinicalDate {
  return endedAt.length > 10 ? endedAt : addDays(endedAt, 1);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "drug";
}

/**
 * Each dose holds from its start until the drug's next dose or its stop, whichever comes first; a stop
 * before the next dose (or with no next dose) adds a zero point. Doses are never downsampled: dropping
 * one would misstate what the patient took for a whole period.
 */
function doseSeries(drug: string, doses: Medication[]): NumericSeries {
  const points: SeriesPoint[] = [];
  doses.forEach((e, i) => {
    const dose = e.payload.dose!.value;
    const detail = [e.payload.route, e.payload.tapering ? "tapering" : ""].filter(Boolean).join(", ");
    points.push(point({ x: eventX(e), date: e.occurredAt, value: dose, unit: "mg/day", eventId: e.id, label: `${dose} mg/day` }, { detail }));
    if (e.endedAt === undefined) return;
    const stop = stopDate(e.endedAt);
    const next = doses[i + 1];
    if (next === undefined || dayNumber(stop) < eventX(next)) {
      points.push(point({ date: stop, value: 0, unit: "mg/day", eventId: e.id, label: "0 mg/day" }, { detail: `stopped after ${formatClinicalDate(e.endedAt)}` }));
    }
  });
  return series(
    { id: `dose-${slug(drug)}`, name: capitalise(drug), unit: "mg/day", yAxis: "mg-per-day", scale: "linear", interpolation: "step-after" },
    points,
    asBuilt,
    { maxPoints: Infinity, keepAll: true },
  );
}

function medicationLabel(e: Medication): string {
  const { drug, dose, strength, route } = e.payload;
  return [capitalise(drug), strength, dose ? `${dose.value} ${dose.unit}` : undefined, route].filter(Boolean).join(" ");
}

/**
 * `today` (the clinic's) is where a medication recorded without an end date is drawn to: it is still
 * being taken as far as the record says (a topical steroid started in March and never stopped).
 */
export function immunosuppressionLane(medications: Medication[], today?: ClinicalDate): ImmunosuppressionLane {
  const todayX = today !== undefined ? dayNumber(today) : undefined;
  const byDrug = new Map<string, Medication[]>();
  const others: MedicationSpan[] = [];
  const otherRows: TableModel["rows"] = [];
  for (const e of medications) {
    if (isDailySystemic(e)) {
      const key = e.payload.drug.trim().toLowerCase();
      const list = byDrug.get(key);
      if (list) list.push(e);
      else byDrug.set(key, [e]);
    } else if (e.payload.role === "immunosuppression") {
      const from = eventX(e);
      const ongoing = e.endedAt === undefined && todayX !== undefined && todayX >= Math.floor(from);
      const since = formatClinicalDate(e.occurredAt);
      const span: MedicationSpan = ongoing
        ? { from, to: todayX, eventId: e.id, label: `${medicationLabel(e)}, ongoing since ${since}`, ongoing: true }
        : { from, to: e.endedAt !== undefined ? dayNumber(e.endedAt) : from, eventId: e.id, label: medicationLabel(e) };
      others.push(span);
      const until = e.endedAt !== undefined ? ` until ${formatClinicalDate(e.endedAt)}` : ongoing ? ", ongoing (no end date recorded)" : "";
      otherRows.push({ key: `other:${e.id}`, x: span.from, cells: [since, capitalise(e.payload.drug), `${medicationLabel(e)}${until}`] });
    }
  }
  const all = [...byDrug.values()].map((doses) => doseSeries(doses[0].payload.drug, doses));
  // One Dose column that reads "40 mg/day (oral, tapering)".
  const doseRows = all.flatMap((s) =>
    s.points.map((p) => ({ key: `${s.id}:${p.eventId}:${p.x}`, x: p.x, cells: [p.dateLabel, s.name, p.detail ? `${p.label} (${p.detail})` : p.label] })),
  );
  return {
    id: "immunosuppression",
    title: "Immunosuppression",
    series: all,
    otherMedications: others,
    table: table("Immunosuppression", ["Date", "Drug", "Dose"], [...doseRows, ...otherRows]),
    notes: [],
  };
}
