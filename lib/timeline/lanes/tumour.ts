import { diseaseStatusNames, formatClinicalDate, recistResponseNames, type EventOfKind, type RecistResponse } from "@/lib/events";
import { eventX } from "../axis";
import { asBuilt, point, series, table } from "../series";
import type { ImagingMarker, ResponseBand, ResponseColourKey, TumourLane } from "../types";

/** Okabe–Ito colours (distinguishable with colour-vision deficiency); labels always accompany them. */
export const responseLegend: TumourLane["legend"] = [
  { key: "recist-cr", label: "CR: complete response", colour: "#009E73" },
  { key: "recist-pr", label: "PR: partial response", colour: "#0072B2" },
  { key: "recist-sd", label: "SD: stable disease", colour: "#999999" },
  { key: "recist-pd", label: "PD: progressive disease", colour: "#D55E00" },
  { key: "recist-ne", label: "NE: not evaluable", colour: "#CC79A7" },
  { key: "recist-none", label: "Imaging without a tumour response", colour: "#000000" },
];

function colourKey(response: RecistResponse | undefined): ResponseColourKey {
  return response ? (`recist-${response.toLowerCase()}` as ResponseColourKey) : "recist-none";
}

function targetSum(e: EventOfKind<"imaging">): number | undefined {
  if (e.payload.targetSumMm !== undefined) return e.payload.targetSumMm;
  // RECIST sum: each lesion's diameterMm already holds the longest diameter, or the short axis for a node.
  const lesions = e.payload.targetLesions;
  return lesions && lesions.length > 0 ? lesions.reduce((sum, l) => sum + l.diameterMm, 0) : undefined;
}

/**
 * Imaging markers coloured by RECIST response; bands between consecutive tumour assessments (imaging
 * with a response). A band runs from assessment i to assessment i+1 and carries assessment i's response:
 * it shows what the team knew between the two scans, never a response before the scan that found it.
 * Nothing is drawn after the last assessment, because nothing is known yet. Same-day assessments give no band.
 * The target-lesion sum is a series with every measurement kept (imaging is never downsampled).
 */
export function tumourLane(imaging: EventOfKind<"imaging">[]): TumourLane {
  const markers: ImagingMarker[] = imaging.map((e) => {
    const response = e.payload.response;
    const marker: ImagingMarker = {
      x: eventX(e),
      eventId: e.id,
      date: e.occurredAt,
      dateLabel: formatClinicalDate(e.occurredAt),
      modality: e.payload.modality,
      colourKey: colourKey(response),
      label:
        (response ? `${e.payload.modality}: ${response} (${recistResponseNames[response]})` : `${e.payload.modality}: no tumour response`) +
        (e.payload.diseaseStatus ? `; disease status ${diseaseStatusNames[e.payload.diseaseStatus]}` : ""),
    };
    if (response) marker.response = response;
    return marker;
  });

  const assessments = markers.filter((m): m is ImagingMarker & { response: RecistResponse } => m.response !== undefined);
  const bands: ResponseBand[] = [];
  for (let i = 0; i + 1 < assessments.length; i++) {
    const [open, close] = [assessments[i], assessments[i + 1]];
    if (close.x <= open.x) continue;
    bands.push({
      from: open.x,
      to: close.x,
      response: open.response,
      colourKey: open.colourKey,
      openedBy: open.eventId,
      closedBy: close.eventId,
      label: `${recistResponseNames[open.response]} from ${open.dateLabel} to ${close.dateLabel}`,
    });
  }

  const sums = imaging.flatMap((e) => {
    const sum = targetSum(e);
    return sum === undefined ? [] : [point({ x: eventX(e), date: e.occurredAt, value: sum, unit: "mm", eventId: e.id, label: `${sum} mm` })];
  });
  const sumSeries = series(
    { id: "target-sum", name: "Target-lesion sum", unit: "mm", yAxis: "mm", scale: "linear", interpolation: "linear" },
    sums,
    asBuilt,
    { maxPoints: Infinity, keepAll: true },
  );

  const sumByEvent = new Map(sums.map((p) => [p.eventId, p.label]));
  const statusByEvent = new Map(imaging.flatMap((e) => (e.payload.diseaseStatus ? [[e.id, `no RECIST response; disease status ${diseaseStatusNames[e.payload.diseaseStatus]}`] as const] : [])));
  const rows = markers.map((m) => ({
    key: `imaging:${m.eventId}`,
    x: m.x,
    cells: [m.dateLabel, m.modality, m.response ? `${m.response} (${recistResponseNames[m.response]})` : statusByEvent.get(m.eventId) ?? "not assessed", sumByEvent.get(m.eventId) ?? "—"],
  }));

  return {
    id: "tumour",
    title: "Tumour status",
    markers,
    bands,
    legend: responseLegend,
    series: sums.length > 0 ? [sumSeries] : [],
    table: table("Imaging and RECIST 1.1 response", ["Date", "Study", "RECIST response", "Target-lesion sum"], rows),
    notes: [],
  };
}
