import { addDays, type EventInput, type SkinSign } from "@/lib/events";

/**
 * The building blocks of a generated record: one patient's random stream, the day the course starts,
 * the events so far, and the day windows the routine monitoring must keep out of (see `quietFrom`).
 */
export interface Ctx {
  rand: () => number;
  start: string;
  events: EventInput[];
  /**
   * Day windows [from, to] in which routine monitoring records no CK and no skin assessment, so that
   * a course's own values are the only ones there: a normal CK slipped between a flare and its scan
   * would change which value a later one is compared with (a falling CK on steroids would look like
   * a rise from a normal one).
   */
  quiet: [number, number][];
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const between = (rand: () => number, low: number, high: number) => low + Math.floor(rand() * (high - low + 1));

export function at(ctx: Ctx, day: number): string {
  return addDays(ctx.start, day);
}

/** Keeps routine CKs and skin checks out of [from, to] (to defaults to the end of the record). */
export function quietFrom(ctx: Ctx, from: number, to = Number.POSITIVE_INFINITY): void {
  ctx.quiet.push([from, to]);
}

export function imaging(ctx: Ctx, day: number, response: "CR" | "PR" | "SD" | "PD" | undefined, sum: number, findings: string): void {
  ctx.events.push({
    kind: "imaging",
    occurredAt: at(ctx, day),
    payload: response
      ? { modality: "CT", response, targetSumMm: sum, newLesions: response === "PD" && ctx.rand() < 0.5, findings }
      : { modality: "CT", baseline: true, targetSumMm: sum, findings },
  });
}

/** The CK ranges of the generated labs: the seed case's lab, 25–200 U/L (DOMAIN.md). */
export const ckRange = { low: 25, high: 200 } as const;

export function ck(ctx: Ctx, day: number, value: number): void {
  ctx.events.push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: "ck", value, unit: "U/L", referenceRange: { ...ckRange } } });
}

/** A CK of about `times` × the upper limit of 200 U/L (± 4%), in whole U/L. */
export function ckTimesUln(ctx: Ctx, day: number, times: number): void {
  const jitter = 0.96 + ctx.rand() * 0.08;
  ck(ctx, day, Math.round(times * ckRange.high * jitter));
}

export function skin(ctx: Ctx, day: number, grade: number, cdasi: number, signs: SkinSign[] = []): void {
  ctx.events.push({ kind: "skin_assessment", occurredAt: at(ctx, day), payload: { grade, cdasiActivity: cdasi, signs } });
}

export function muscle(ctx: Ctx, day: number, findings: { mmt8?: number; mrc?: number; dysphagia?: boolean; respiratory?: boolean }): void {
  ctx.events.push({
    kind: "muscle_assessment",
    occurredAt: at(ctx, day),
    payload: {
      ...(findings.mmt8 !== undefined ? { mmt8: { score: findings.mmt8, scale: 150 as const } } : {}),
      ...(findings.mrc !== undefined ? { proximalWeaknessMrc: findings.mrc } : {}),
      ...(findings.dysphagia !== undefined ? { dysphagia: findings.dysphagia } : {}),
      ...(findings.respiratory !== undefined ? { respiratoryInvolvement: findings.respiratory } : {}),
    },
  });
}

/** Oral prednisolone for dermatomyositis at one dose from `from` to `to` (open-ended without it). */
export function prednisolone(ctx: Ctx, from: number, to: number | undefined, mgPerDay: number, tapering = true): void {
  ctx.events.push({
    kind: "medication",
    occurredAt: at(ctx, from),
    ...(to !== undefined ? { endedAt: at(ctx, to) } : {}),
    payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: mgPerDay, unit: "mg/day" }, route: "oral", tapering, indication: "dermatomyositis" },
  });
}

export function line(ctx: Ctx, line: number, regimen: string, firstDay: number, cycles: number, dose?: { value: number; unit: "mg" | "mg/m2" | "mg/kg" | "AUC" }): number {
  for (let cycle = 1; cycle <= cycles; cycle++) {
    ctx.events.push({
      kind: "treatment_cycle",
      occurredAt: at(ctx, firstDay + 21 * (cycle - 1)),
      payload: { regimen, lineOfTherapy: line, cycleNumber: cycle, intent: "palliative", ...(dose ? { dose } : {}) },
    });
  }
  return firstDay + 21 * (cycles - 1);
}

/**
 * A "taper flare": maintenance prednisolone reduced from 10 to 5 mg/day two weeks before the flare
 * on `flareDay` (rule v2 names a reduction in the 30 days before the first finding as context).
 * The illustrative doses are a common maintenance step, not taken from a source.
 */
export function steroidReductionBefore(ctx: Ctx, flareDay: number): void {
  prednisolone(ctx, flareDay - 90, flareDay - 15, 10, false);
  prednisolone(ctx, flareDay - 14, flareDay + 2, 5, true);
}
