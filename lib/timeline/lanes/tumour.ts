import {
  diseaseStatusNames,
  imagingRegionNames,
  formatChanges,
  formatClinicalDate,
  formatShownResponse,
  imagingSumMm,
  recistResponseNames,
  shownResponse,
  type EventOfKind,
  type RecistResponse,
} from "@/lib/events";
import { assessCourse, bestResponseByLine, courseScansFromImaging, formatBestResponse, lineStartsFromCycles } from "@/lib/recist";
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

/** "PD (progressive disease); baseline for line 2", "baseline", or "not assessed". */
function tableResponse(p: EventOfKind<"imaging">["payload"]): string {
  const baseline = p.baseline ? (p.baselineForLine !== undefined ? `baseline for line ${p.baselineForLine}` : "baseline") : undefined;
  const response = formatShownResponse(p);
  if (response) return baseline ? `${response}; ${baseline}` : response;
  if (p.diseaseStatus) return `no RECIST response; disease status ${diseaseStatusNames[p.diseaseStatus]}`;
  return baseline ?? "not assessed";
}

/** The sum from the itemised lesions when there are any (never only a typed total), else as typed. */
const targetSum = (e: EventOfKind<"imaging">): number | undefined => imagingSumMm(e.payload);

/**
 * Imaging markers coloured by RECIST response; bands between consecutive tumour assessments (imaging
 * with a response). A band runs from assessment i to assessment i+1 and carries assessment i's response:
 * it shows what the team knew between the two scans, never a response before the scan that found it.
 * Nothing is drawn after the last assessment, because nothing is known yet. Same-day assessments give no band.
 * The target-lesion sum is a series with every measurement kept (imaging is never downsampled).
 */
export function tumourLane(imaging: EventOfKind<"imaging">[], cycles: EventOfKind<"treatment_cycle">[] = []): TumourLane {
  const markers: ImagingMarker[] = imaging.map((e) => {
    // A study with its region recorded (e.g. a screening CT of thorax, abdomen and pelvis) says so.
    const study = `${e.payload.modality}${e.payload.region ? ` ${imagingRegionNames[e.payload.region].toLowerCase()}` : ""}`;
    const shown = shownResponse(e.payload);
    const response = shown.response;
    const changes = formatChanges(e.payload);
    const marker: ImagingMarker = {
      x: eventX(e),
      eventId: e.id,
      date: e.occurredAt,
      dateLabel: formatClinicalDate(e.occurredAt),
      modality: e.payload.modality,
      colourKey: colourKey(response),
      label:
        (response
          ? `${study}: ${formatShownResponse(e.payload)}${changes ? ` (${changes})` : ""}`
          : `${study}: ${e.payload.baseline ? `baseline${e.payload.baselineForLine !== undefined ? ` for line ${e.payload.baselineForLine}` : ""}` : e.payload.region ? "screening or staging study, no tumour response" : "no tumour response"}`) +
        (e.payload.diseaseStatus ? `; disease status ${diseaseStatusNames[e.payload.diseaseStatus]}` : ""),
    };
    if (response) marker.response = response;
    if (shown.disagreement) marker.disagrees = true;
    return marker;
  });

  // Best overall response per line, from the line's baseline to the next line's (RECIST 1.1 §4.4.3).
  const lines = lineStartsFromCycles(cycles);
  const best = bestResponseByLine(assessCourse(courseScansFromImaging(imaging), lines), lines);
  const xOf = new Map(imaging.map((e) => [e.occurredAt, eventX(e)]));
  const bestResponses = best.map((b, i) => {
    const lineName = b.line !== undefined ? `line ${b.line}${b.regimen ? ` (${b.regimen})` : ""}` : "the course";
    return {
      line: b.line,
      from: b.baselineDate ? (xOf.get(b.baselineDate) ?? -Number.MAX_SAFE_INTEGER) : -Number.MAX_SAFE_INTEGER,
      to: best[i + 1]?.baselineDate ? (xOf.get(best[i + 1].baselineDate!) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER,
      label: `Best overall response, ${lineName}: ${formatBestResponse(b)}: ${b.rule}`,
    };
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
  const payloadOf = new Map(imaging.map((e) => [e.id, e.payload]));
  const rows = markers.map((m) => ({
    key: `imaging:${m.eventId}`,
    x: m.x,
    cells: [
      m.dateLabel,
      m.modality,
      tableResponse(payloadOf.get(m.eventId)!),
      sumByEvent.get(m.eventId) ?? "—",
      formatChanges(payloadOf.get(m.eventId)!) ?? "—",
    ],
  }));

  return {
    id: "tumour",
    title: "Tumour status",
    markers,
    bands,
    bestResponses,
    legend: responseLegend,
    series: sums.length > 0 ? [sumSeries] : [],
    table: table("Imaging and RECIST 1.1 response", ["Date", "Study", "RECIST response", "Target-lesion sum", "Change from baseline, nadir"], rows),
    notes: bestResponses.map((b) => b.label),
  };
}
