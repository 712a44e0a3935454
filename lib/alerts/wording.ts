import { formatClinicalDate, recistResponseNames } from "@/lib/events";
import { better } from "./findings";
import type { Finding, ImagingReference, Measure, ObservedValue } from "./types";

/**
 * Findings in words for clinicians: every value with its date and unit, what it was compared with and
 * when, and the value before it where that differs. Never "rose" of a value that fell, never "from 0"
 * when nothing was measured.
 */

/** ×ULN to one decimal (a derived ratio; the printed value is always shown beside it). */
export function formatTimesUln(times: number): string {
  return `${String(Math.round(times * 10) / 10)}×ULN`;
}

function valueText(measure: Measure, value: ObservedValue | Finding, scale?: number): string {
  switch (measure) {
    case "skin-grade":
      return `skin grade ${value.value}`;
    case "cdasi-activity":
      return `CDASI activity ${value.value}`;
    case "ck": {
      const lab = value.lab;
      if (!lab) return `CK ${formatTimesUln(value.value)}`;
      const printed = `${lab.comparator ? `${lab.comparator} ` : ""}${lab.value} ${lab.unit}`;
      const range = lab.assumedRange ? ` of an assumed ${lab.low ?? 0}–${lab.high} ${lab.unit} range` : "";
      return `CK ${printed} (${formatTimesUln(value.value)}${range})`;
    }
    case "mrc":
      return `MRC ${value.value} (weakest proximal group)`;
    case "mmt8":
      return `MMT-8 ${value.value}/${scale ?? ""}`;
    case "dysphagia":
      return value.value === 1 ? "dysphagia" : "no dysphagia";
    case "respiratory":
      return value.value === 1 ? "respiratory involvement" : "no respiratory involvement";
  }
}

const isYesNo = (measure: Measure) => measure === "dysphagia" || measure === "respiratory";

/**
 * One finding: "CK 3200 U/L (16×ULN) on 20 Mar 2026, against CK 120 U/L (0.6×ULN) on 2 Feb 2026 (the best
 * since the last answering scan); down from CK 4000 U/L (20×ULN) on 10 Mar 2026". `short` leaves out the
 * comparison; `reference` says what the reference is ("the best since the CT of 1 Mar 2026").
 */
export function describeFinding(finding: Finding, options: { short?: boolean; reference?: string; noEarlier?: string } = {}): string {
  const { measure, scale } = finding;
  let text = `${valueText(measure, finding, scale)} on ${formatClinicalDate(finding.date)}`;
  if (options.short) return text;
  if (finding.basis === "reference" && finding.reference) {
    text += `, against ${valueText(measure, finding.reference, scale)} on ${formatClinicalDate(finding.reference.date)}${options.reference ? ` (${options.reference})` : ""}`;
  } else if (finding.basis === "first-assessment") {
    text += " at first assessment";
  } else {
    text += `, abnormal on its own (no value ${options.noEarlier ?? "to compare with"})`;
  }
  const previous = finding.previous;
  if (previous && !isYesNo(measure)) {
    const direction = previous.value < finding.value ? "up from" : previous.value > finding.value ? "down from" : "unchanged from";
    text += `; ${direction} ${valueText(measure, previous, scale)} on ${formatClinicalDate(previous.date)}`;
  }
  return text;
}

export const measureOrderForWords: Measure[] = ["skin-grade", "cdasi-activity", "ck", "mrc", "mmt8", "dysphagia", "respiratory"];

/** The most telling finding of each series (the worst value; for yes/no findings the first), in a fixed order. */
export function strongestFindings(findings: readonly Finding[]): Finding[] {
  const strongest = new Map<string, Finding>();
  for (const finding of findings) {
    const key = finding.measure === "mmt8" ? `mmt8/${finding.scale}` : finding.measure;
    const held = strongest.get(key);
    if (!held || (!isYesNo(finding.measure) && better(finding.measure, held.value, finding.value))) strongest.set(key, finding);
  }
  return [...strongest.values()].sort((a, b) => measureOrderForWords.indexOf(a.measure) - measureOrderForWords.indexOf(b.measure));
}

export function scanInWords(scan: ImagingReference): string {
  const what = scan.response ? `${recistResponseNames[scan.response]} (${scan.response})` : "baseline staging";
  return `${scan.modality ?? "imaging"} on ${formatClinicalDate(scan.date)}: ${what}`;
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
