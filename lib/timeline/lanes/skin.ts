import { skinGradeNames, skinSignNames } from "@/lib/events";
import type { ActivityPoint, SkinGradePoint } from "@/lib/activity";
import { atValue, point, series, seriesRows, table } from "../series";
import type { SkinLane } from "../types";

/** CDASI activity ≤ 14 is commonly read as mild, > 14 as moderate–severe (DOMAIN.md). */
export const CDASI_MILD_LIMIT = 14;

export function skinLane(grades: SkinGradePoint[], cdasi: ActivityPoint[], maxPoints: number): SkinLane {
  const all = [
    series(
      { id: "skin-grade", name: "Skin grade", unit: "grade 0–4", yAxis: "skin-grade", scale: "linear", interpolation: "linear", yDomain: [0, 4] },
      grades,
      atValue((g, x) =>
        point({ x, date: g.date, value: g.value, unit: "grade 0–4", eventId: g.eventId, label: `${g.value} (${skinGradeNames[g.value]})` }, { detail: g.signs.map((s) => skinSignNames[s]).join(", ") }),
      ),
      { maxPoints },
    ),
    series(
      {
        id: "cdasi-activity",
        name: "CDASI activity",
        unit: "CDASI 0–100",
        yAxis: "cdasi",
        scale: "linear",
        interpolation: "linear",
        yDomain: [0, 100],
        reference: { y: CDASI_MILD_LIMIT, label: `CDASI ${CDASI_MILD_LIMIT}: mild at or below, moderate–severe above` },
      },
      cdasi,
      atValue((c, x) => point({ x, date: c.date, value: c.value, unit: "CDASI 0–100", eventId: c.eventId, label: `${c.value}/100` })),
      { maxPoints, thresholds: [CDASI_MILD_LIMIT] },
    ),
  ].filter((s) => s.counts.total > 0);
  return {
    id: "skin",
    title: "Skin activity",
    series: all,
    table: table("Skin activity", ["Date", "Measure", "Value", "Signs"], seriesRows(all, (p) => [p.detail ?? "—"])),
    notes: [],
  };
}
