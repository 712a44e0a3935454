import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import type { AlertLifecycleStatus } from "@/lib/alerts";
import { fieldErrorsOf, formatClinicalDate, isClinicalDate, toWallClock } from "@/lib/events";
import type { AuditAction } from "@/lib/audit";
import { alertWrite } from "@/lib/service";
import { clinicToday } from "./clinic";
import type { ServiceContext } from "./context";
import { patientNames, viewer, type AlertRow, type AlertView } from "./alert-mapping";
import { conflict, invalid, ok, unsafeTextRefusal, type Result } from "./result";
import { refreshSummary } from "./summary";

/** What clinicians do with an alert: acknowledge it (with a plan and a review date) or dismiss it (with a reason). */

export const acknowledgeInput = z.object({
  note: z.string({ error: "Add a note" }).trim().min(1, { error: "Add a note saying what is planned" }).max(2000),
  /** Optional: the day the plan should be looked at again ("" from an empty form field means none). */
  reviewDate: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(value) && isClinicalDate(value)), { error: "Enter the review date as a real day, YYYY-MM-DD" }),
});
export const dismissInput = z.object({
  reason: z.string({ error: "Give the reason" }).trim().min(3, { error: "Give the reason (at least 3 characters)" }).max(2000),
});

async function changeAlert(
  ctx: ServiceContext,
  action: AuditAction,
  alertId: string,
  parse: () => Result<unknown>,
  allowed: AlertLifecycleStatus[],
  data: (row: AlertRow) => Prisma.AlertUpdateInput,
): Promise<Result<AlertView>> {
  return alertWrite(ctx, action, alertId, async (tx, note, row) => {
    note.detail = `alert ${row.key}`;
    const parsed = parse();
    if (!parsed.ok) return parsed;
    if (!allowed.includes(row.status)) return conflict(`This alert is ${row.status}; it cannot be changed that way.`);
    const updated = await tx.alert.updateMany({ where: { id: alertId, status: row.status }, data: { ...data(row), updatedAt: new Date() } as Prisma.AlertUpdateManyMutationInput });
    if (updated.count !== 1) return conflict("Someone else changed this alert at the same time. Reload it.");
    await refreshSummary(tx, row.patientId);
    return ok((await viewer(tx))(await tx.alert.findUniqueOrThrow({ where: { id: alertId }, include: { patient: patientNames } })));
  });
}

/** Seen, with a note; the alert stays active and still resolves when imaging is recorded. */
export async function acknowledgeAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = acknowledgeInput.safeParse(input);
  const today = clinicToday();
  const parse = () => {
    const refused = unsafeTextRefusal(input) ?? (parsed.success ? undefined : invalid(fieldErrorsOf(parsed.error)));
    if (refused) return refused;
    // A review date in the past would make the alert due again at once: refused, in the clinic's calendar.
    const review = parsed.data!.reviewDate;
    if (review !== undefined && review < today) return invalid({ reviewDate: [`The review date cannot be before today (${formatClinicalDate(today)})`] });
    return ok(parsed.data);
  };
  return changeAlert(ctx, "alert.acknowledge", alertId, parse, ["open"], () => ({
    status: "acknowledged",
    acknowledged: true,
    acknowledgedAt: new Date(),
    acknowledgedBy: `${ctx.actor.name} (${ctx.actor.role})`,
    acknowledgementNote: parsed.data!.note,
    reviewDate: parsed.data!.reviewDate !== undefined ? toWallClock(parsed.data!.reviewDate) : null,
  }));
}

/** Resolved by a clinician with a reason (e.g. "flare explained by steroid taper"); never reopened. */
export async function dismissAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = dismissInput.safeParse(input);
  const parse = () => unsafeTextRefusal(input) ?? (parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf(parsed.error)));
  return changeAlert(ctx, "alert.dismiss", alertId, parse, ["open", "acknowledged"], () => ({
    status: "dismissed",
    dismissedAt: new Date(),
    dismissedBy: `${ctx.actor.name} (${ctx.actor.role})`,
    dismissalReason: parsed.data!.reason,
  }));
}
