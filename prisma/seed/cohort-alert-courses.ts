import type { SkinSign } from "@/lib/events";
import { at, between, ck, ckTimesUln, imaging, line, muscle, prednisolone, quietFrom, skin, steroidReductionBefore, type Ctx } from "./cohort-events";

/**
 * Courses that exercise re-imaging alert rule version 2 (issue #10): each one is a failure of the
 * first rule made into demo data, so the inbox and the backtest show how rule v2 treats it.
 * Every value here is synthetic; the ×ULN figures are the ones the review used.
 */

/** DM-specific skin signs (rule v2 counts these as dermatomyositis even without a DM diagnosis). */
const dmSigns: SkinSign[] = ["shawl-sign", "heliotrope", "gottron-papules"];

/**
 * An improving flare on steroids: a flare (skin grade 3, CK ~8×ULN) ≥ 28 days after the last scan,
 * answered by a CT 7–14 days later (SD or PD), then a prednisolone taper with CK falling 8 → 3 →
 * 1.5×ULN and skin grade 3 → 2 → 1 over three months. Rule v2: one alert for the flare, resolved by
 * the CT; the falling values after the CT are never findings (their reference is the flare's own
 * value, the latest on or before the scan), so no new alert.
 */
export function improvingFlareOnSteroids(ctx: Ctx, end: number, baseline: number, secondLine: string, taperFlare: boolean): number {
  imaging(ctx, end + 14, "PR", Math.round(baseline * 0.7), "Partial response.");
  const flareDay = end + 14 + between(ctx.rand, 40, 80);
  if (taperFlare) steroidReductionBefore(ctx, flareDay);
  quietFrom(ctx, flareDay, flareDay + 100);
  skin(ctx, flareDay, 3, between(ctx.rand, 28, 36), dmSigns);
  ckTimesUln(ctx, flareDay, 8);
  muscle(ctx, flareDay, { mmt8: between(ctx.rand, 112, 124), mrc: 4, dysphagia: false });
  const ctDay = flareDay + between(ctx.rand, 7, 14);
  const progressed = ctx.rand() < 0.5;
  imaging(ctx, ctDay, progressed ? "PD" : "SD", Math.round(baseline * (progressed ? 1.3 : 0.72)), progressed ? "Progression." : "Stable disease; no progression.");
  if (progressed) line(ctx, 2, secondLine, ctDay + 14, 4);
  // Prednisolone 40 mg/day weaning by 10 mg a month (illustrative steps), topical clobetasol.
  prednisolone(ctx, flareDay + 2, flareDay + 30, 40);
  prednisolone(ctx, flareDay + 31, flareDay + 60, 30);
  prednisolone(ctx, flareDay + 61, flareDay + 90, 20);
  prednisolone(ctx, flareDay + 91, undefined, 10);
  ctx.events.push({
    kind: "medication",
    occurredAt: at(ctx, flareDay + 2),
    payload: { drug: "clobetasol propionate cream", role: "immunosuppression", strength: "0.05%", route: "topical", indication: "dermatomyositis" },
  });
  // Responding: every later value better than the one before it.
  skin(ctx, flareDay + 35, 2, between(ctx.rand, 16, 22), ["heliotrope", "gottron-papules"]);
  ckTimesUln(ctx, flareDay + 35, 3);
  muscle(ctx, flareDay + 35, { mmt8: between(ctx.rand, 128, 136), mrc: 4.5, dysphagia: false });
  skin(ctx, flareDay + 80, 1, between(ctx.rand, 6, 12), ["gottron-papules"]);
  ckTimesUln(ctx, flareDay + 80, 1.5);
  muscle(ctx, flareDay + 80, { mmt8: between(ctx.rand, 140, 148), mrc: 5, dysphagia: false });
  return flareDay + 150;
}

/**
 * An escalation after a recent scan: an SD CT, a flare beginning ~10 days later that escalates over
 * four visits to skin grade 4 with ulceration, CK ~16×ULN and dysphagia 55 days after the scan, and
 * no scan since. Rule v2: the visits 10 and 24 days after the scan are findings too early to alert
 * (< 28 days); the visit 40 days after opens one alert, high priority (skin and muscle together; CK
 * ≥ 10×ULN), and the visit at 55 days joins it. It stays open: nothing has answered it.
 */
export function escalationAfterRecentScan(ctx: Ctx, end: number, baseline: number): number {
  const scanDay = end + 14;
  imaging(ctx, scanDay, "SD", Math.round(baseline * 0.93), "Stable disease.");
  // The clinic visit of the scan day: the values each later finding is compared with.
  skin(ctx, scanDay, 1, between(ctx.rand, 4, 8), ["gottron-papules"]);
  ck(ctx, scanDay, between(ctx.rand, 90, 160));
  muscle(ctx, scanDay, { mmt8: between(ctx.rand, 140, 150), mrc: 5, dysphagia: false });
  quietFrom(ctx, scanDay + 1);
  skin(ctx, scanDay + 10, 2, between(ctx.rand, 15, 20), ["heliotrope", "gottron-papules"]);
  ckTimesUln(ctx, scanDay + 10, 3);
  skin(ctx, scanDay + 24, 3, between(ctx.rand, 24, 30), dmSigns);
  ckTimesUln(ctx, scanDay + 24, 6);
  muscle(ctx, scanDay + 24, { mmt8: between(ctx.rand, 118, 128), mrc: 4, dysphagia: false });
  prednisolone(ctx, scanDay + 25, undefined, 30);
  skin(ctx, scanDay + 40, 3, between(ctx.rand, 32, 38), [...dmSigns, "v-sign"]);
  ckTimesUln(ctx, scanDay + 40, 10.5);
  muscle(ctx, scanDay + 40, { mmt8: between(ctx.rand, 100, 112), mrc: 3.5, dysphagia: false });
  skin(ctx, scanDay + 55, 4, between(ctx.rand, 45, 55), [...dmSigns, "v-sign", "ulceration"]);
  ckTimesUln(ctx, scanDay + 55, 16);
  muscle(ctx, scanDay + 55, { mmt8: between(ctx.rand, 84, 96), mrc: 3, dysphagia: true, respiratory: false });
  ctx.events.push({
    kind: "admission",
    occurredAt: at(ctx, scanDay + 55),
    payload: { reason: "Worsening dermatomyositis: ulcerating rash, proximal weakness, dysphagia", ward: "Rheumatology" },
  });
  // The record stops here, the re-imaging still to be done.
  return scanDay + 60;
}

/** Cancers for which pembrolizumab is a first-line treatment (KEYNOTE-024, KEYNOTE-006). */
export const checkpointInhibitorCancers = [
  { name: "Non-small-cell lung cancer, adenocarcinoma, PD-L1 ≥ 50%", regimens: ["pembrolizumab", "carboplatin-pemetrexed"] },
  { name: "Melanoma, cutaneous, stage IV", regimens: ["pembrolizumab", "dabrafenib-trametinib"] },
] as const;

/**
 * Immune-checkpoint-inhibitor myositis: pembrolizumab 200 mg every 21 days, then within weeks of the
 * second dose CK ~24×ULN, MRC 3 proximal weakness, dysphagia, a CTCAE grade 3 "Myositis" adverse
 * event and a raised troponin T (assay range 0–14 ng/L), with a normal skin (no DM-specific sign) and
 * no DM diagnosis. Rule v2: the immune-related myositis alert (check troponin and ECG; consider
 * holding the checkpoint inhibitor), not a re-imaging alert. Management follows the ASCO irAE
 * guideline for grade 3 myositis (hold the drug; high-dose corticosteroids, IV with dysphagia).
 */
export function checkpointInhibitorMyositis(ctx: Ctx, baseline: number, regimen: string): number {
  const lastDose = line(ctx, 1, regimen, 21, 2, { value: 200, unit: "mg" });
  const onset = lastDose + between(ctx.rand, 14, 28);
  quietFrom(ctx, 21, onset + 90);
  skin(ctx, 21, 0, 0);
  ck(ctx, 21, between(ctx.rand, 60, 150));
  skin(ctx, onset, 0, 0);
  ckTimesUln(ctx, onset, 24);
  ctx.events.push({ kind: "lab_result", occurredAt: at(ctx, onset), payload: { analyte: "troponin-t", value: between(ctx.rand, 60, 120), unit: "ng/L", referenceRange: { low: 0, high: 14 } } });
  muscle(ctx, onset, { mmt8: between(ctx.rand, 84, 100), mrc: 3, dysphagia: true, respiratory: false });
  ctx.events.push({ kind: "adverse_event", occurredAt: at(ctx, onset), payload: { term: "Myositis", grade: 3, relatedTo: regimen } });
  ctx.events.push({ kind: "admission", occurredAt: at(ctx, onset), endedAt: at(ctx, onset + 12), payload: { reason: "Proximal weakness and dysphagia on pembrolizumab", ward: "Oncology" } });
  ctx.events.push({ kind: "note", occurredAt: at(ctx, onset), payload: { text: `${regimen} held. Troponin T raised: ECG and cardiology review requested.` } });
  ctx.events.push({
    kind: "medication",
    occurredAt: at(ctx, onset + 1),
    endedAt: at(ctx, onset + 3),
    payload: { drug: "methylprednisolone", role: "immunosuppression", dose: { value: 1, unit: "g" }, route: "IV", indication: "immune-related myositis" },
  });
  ctx.events.push({
    kind: "medication",
    occurredAt: at(ctx, onset + 4),
    endedAt: at(ctx, onset + 60),
    payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 60, unit: "mg/day" }, route: "oral", tapering: true, indication: "immune-related myositis" },
  });
  ckTimesUln(ctx, onset + 21, 6);
  ctx.events.push({ kind: "lab_result", occurredAt: at(ctx, onset + 21), payload: { analyte: "troponin-t", value: between(ctx.rand, 20, 35), unit: "ng/L", referenceRange: { low: 0, high: 14 } } });
  muscle(ctx, onset + 21, { mmt8: between(ctx.rand, 110, 125), mrc: 4, dysphagia: false });
  imaging(ctx, onset + 30, "PR", Math.round(baseline * 0.66), "Partial response.");
  ck(ctx, onset + 60, between(ctx.rand, 120, 190));
  muscle(ctx, onset + 60, { mmt8: between(ctx.rand, 135, 145), mrc: 4.5, dysphagia: false });
  return onset + 150;
}

/**
 * A statin CK rise in a cancer patient without dermatomyositis: atorvastatin started after first-line
 * treatment, CK rising to ~2 then ~4×ULN with a normal examination the same day (MRC 5, no
 * dysphagia; skin grade 0), the statin stopped and CK back to normal. Rule v2: no alert (no DM; a
 * CK rise alone is not a flare; DOMAIN.md: statins raise CK).
 */
export function statinCkRise(ctx: Ctx, end: number, baseline: number): number {
  imaging(ctx, end + 14, "SD", Math.round(baseline * 0.9), "Stable disease.");
  const statinDay = end + between(ctx.rand, 20, 40);
  quietFrom(ctx, statinDay, statinDay + 100);
  ck(ctx, statinDay, between(ctx.rand, 70, 150));
  ctx.events.push({
    kind: "medication",
    occurredAt: at(ctx, statinDay),
    endedAt: at(ctx, statinDay + 63),
    payload: { drug: "atorvastatin", role: "supportive", dose: { value: 40, unit: "mg/day" }, route: "oral", indication: "hypercholesterolaemia" },
  });
  ckTimesUln(ctx, statinDay + 35, 2);
  const peak = statinDay + 62;
  ckTimesUln(ctx, peak, 4);
  muscle(ctx, peak, { mmt8: 150, mrc: 5, dysphagia: false, respiratory: false });
  skin(ctx, peak, 0, 0);
  ctx.events.push({ kind: "note", occurredAt: at(ctx, peak), payload: { text: "Aching thighs after starting gym training; strength normal. Atorvastatin stopped." } });
  ck(ctx, statinDay + 95, between(ctx.rand, 110, 180));
  return statinDay + 130;
}
