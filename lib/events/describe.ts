import type { TimelineEvent } from "./event";
import { antibodyNames, diseaseStatusNames, skinGradeNames, skinSignNames } from "./kinds";
import { formatChanges, formatShownResponse, imagingSumMm } from "./imaging-response";
import { analytes, timesUpperLimit, unitLabel } from "./labs";

/** "25–200 U/L", "< 5 mg/L", "≥ 10 U/L": the range as the lab printed it. */
export function formatRange(range: { low?: number; high?: number } | undefined, unit: string): string | undefined {
  if (!range || (range.low === undefined && range.high === undefined)) return undefined;
  const u = unitLabel(unit);
  if (range.low !== undefined && range.high !== undefined) return `${range.low}–${range.high} ${u}`;
  return range.high !== undefined ? `≤ ${range.high} ${u}` : `≥ ${range.low} ${u}`;
}

/** ×ULN with two significant decimals for display only; the stored value keeps its full precision. */
export function formatTimesUln(times: number): string {
  return `${times >= 10 ? times.toFixed(1) : times.toFixed(2)}×ULN`;
}

/** One line a clinician reads in a list: the event's substance with units, never rounded values. */
export function describeEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case "treatment_cycle": {
      const p = event.payload;
      const dose = p.dose ? `, ${p.dose.value} ${p.dose.unit}` : "";
      const change = p.doseChangePercent ? `, dose ${p.doseChangePercent > 0 ? "+" : "−"}${Math.abs(p.doseChangePercent)}%${p.doseChangeReason ? ` (${p.doseChangeReason})` : ""}` : "";
      return `${p.regimen} cycle ${p.cycleNumber} (line ${p.lineOfTherapy})${dose}${change}`;
    }
    case "procedure":
      return [event.payload.name, event.payload.site].filter(Boolean).join(", ");
    case "radiotherapy": {
      const p = event.payload;
      const dose = p.totalDoseGy !== undefined ? ` ${p.totalDoseGy} Gy${p.fractions ? ` in ${p.fractions} fractions` : ""}` : "";
      return `Radiotherapy to ${p.site}${dose}`;
    }
    case "imaging": {
      const p = event.payload;
      const response = formatShownResponse(p);
      const opens = p.baselineForLine !== undefined ? `baseline for line ${p.baselineForLine}` : "baseline";
      const head = response ? `: ${response}` : p.baseline ? `: ${opens}` : "";
      const sumMm = imagingSumMm(p);
      const changes = formatChanges(p);
      const sum = sumMm !== undefined ? `, target sum ${sumMm} mm${changes ? ` (${changes})` : ""}` : "";
      const both = response && p.baseline ? `; ${opens}` : "";
      const status = p.diseaseStatus ? `${head ? "; " : ": "}disease status ${diseaseStatusNames[p.diseaseStatus]}` : "";
      // An imported disease status that names no study reads as what it is.
      const study = p.modality === "not stated" ? "Cancer status (no study named)" : p.modality;
      return `${study}${head}${status}${sum}${both}${p.findings ? ` — ${p.findings}` : ""}`;
    }
    case "skin_assessment": {
      const p = event.payload;
      const cdasi = p.cdasiActivity !== undefined ? `, CDASI activity ${p.cdasiActivity}` : "";
      const signs = p.signs.length > 0 ? ` — ${p.signs.map((s) => skinSignNames[s]).join(", ")}` : "";
      return `Skin grade ${p.grade} (${skinGradeNames[p.grade]})${cdasi}${signs}`;
    }
    case "muscle_assessment": {
      const p = event.payload;
      const parts = [
        p.mmt8 ? `MMT-8 ${p.mmt8.score}/${p.mmt8.scale}` : undefined,
        p.proximalWeaknessMrc !== undefined ? `proximal strength MRC ${p.proximalWeaknessMrc}/5` : undefined,
        p.dysphagia ? "dysphagia" : p.dysphagia === false ? "no dysphagia" : undefined,
        p.respiratoryInvolvement ? "respiratory involvement" : undefined,
      ];
      return parts.filter(Boolean).join(", ");
    }
    case "lab_result": {
      const p = event.payload;
      const range = formatRange(p.referenceRange, p.unit);
      const times = timesUpperLimit(p.value, p.referenceRange);
      const low = p.referenceRange?.low;
      const flag = times !== undefined && times > 1 ? `, high: ${formatTimesUln(times)}` : low !== undefined && p.value < low && p.comparator === undefined ? ", low" : "";
      const reported = p.reported ? ` [reported as ${p.reported.value} ${p.reported.unit}]` : "";
      return `${analytes[p.analyte].short} ${p.comparator ? `${p.comparator} ` : ""}${p.value} ${unitLabel(p.unit)}${range ? ` (${range})` : ""}${flag}${reported}`;
    }
    case "medication": {
      const p = event.payload;
      const dose = p.dose ? ` ${p.dose.value} ${p.dose.unit}` : p.strength ? ` ${p.strength}` : "";
      return `${p.drug}${dose} ${p.route}${p.tapering ? ", tapering" : ""}`;
    }
    case "diagnosis":
      return `${event.payload.role === "cancer" ? "Cancer" : event.payload.role === "dermatomyositis" ? "Dermatomyositis" : event.payload.role === "progression" ? "Progression" : "Diagnosis"}: ${event.payload.name}${event.payload.stage ? ` (${event.payload.stage})` : ""}`;
    case "antibody_result":
      return `${antibodyNames[event.payload.antibody]} ${event.payload.result}${event.payload.titre ? ` ${event.payload.titre}` : ""}`;
    case "adverse_event":
      return `${event.payload.term}, CTCAE grade ${event.payload.grade}`;
    case "admission":
      return `Admission: ${event.payload.reason}${event.payload.ward ? ` (${event.payload.ward})` : ""}`;
    case "note":
      return event.payload.text;
  }
}
