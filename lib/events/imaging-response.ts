import { recistResponseNames, type PayloadOf, type RecistResponse } from "./kinds";

type ImagingPayload = PayloadOf<"imaging">;
const named = (r: RecistResponse) => `${r} (${recistResponseNames[r]})`;

/** The response as every reader shows it: the recorded one, the computed one, and whether they disagree. */
export interface ShownResponse {
  /** The response to show first: as recorded, else as computed. */
  response?: RecistResponse;
  computed?: RecistResponse;
  recorded?: RecistResponse;
  /** "override": a clinician recorded another response with a reason; "report": an imported report disagrees. */
  disagreement?: "override" | "report";
  overrideReason?: string;
}

export function shownResponse(payload: ImagingPayload): ShownResponse {
  const computed = payload.computedResponse;
  const recorded = payload.response;
  const shown: ShownResponse = { response: recorded ?? computed, computed, recorded };
  if (computed !== undefined && recorded !== undefined && computed !== recorded) {
    shown.disagreement = payload.responseOverrideReason ? "override" : "report";
    if (payload.responseOverrideReason) shown.overrideReason = payload.responseOverrideReason;
  }
  return shown;
}

/** "PD (progressive disease)", or "SD (stable disease) — overridden; computed PR (partial response): reason". */
export function formatShownResponse(payload: ImagingPayload): string | undefined {
  const shown = shownResponse(payload);
  if (!shown.response) return undefined;
  const main = named(shown.response);
  if (shown.disagreement === "override") return `${main} — overridden; computed ${named(shown.computed!)}${shown.overrideReason ? `: ${shown.overrideReason}` : ""}`;
  if (shown.disagreement === "report") return `${main} as reported — disagrees with computed ${named(shown.computed!)}`;
  return main;
}

/** "+18% from baseline, +28% from nadir", truncated toward zero like the rule (−29.9% never reads −30%). */
export function formatChanges(payload: ImagingPayload): string | undefined {
  const r = payload.recist;
  if (!r) return undefined;
  const pct = (n: number) => {
    const whole = Math.trunc(n);
    return whole === 0 ? "0%" : `${whole > 0 ? "+" : "−"}${Math.abs(whole)}%`;
  };
  const parts = [
    r.changeFromBaselinePercent !== undefined ? `${pct(r.changeFromBaselinePercent)} from baseline` : undefined,
    // While the baseline is still the smallest sum, "from nadir" would repeat "from baseline".
    r.changeFromNadirPercent !== undefined && r.nadirDate !== undefined && r.nadirDate !== r.baselineDate ? `${pct(r.changeFromNadirPercent)} from nadir` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : undefined;
}


/** The sum every reader shows: from the itemised lesions when there are any (never only the typed one), else as typed. */
export function imagingSumMm(payload: ImagingPayload): number | undefined {
  const lesions = payload.targetLesions;
  if (lesions && lesions.length > 0) return lesions.reduce((sum, lesion) => sum + Math.round(lesion.diameterMm * 100), 0) / 100;
  return lesions === undefined ? payload.targetSumMm : undefined;
}
