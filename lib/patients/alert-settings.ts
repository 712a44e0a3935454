import "server-only";
import type { Prisma } from "@prisma/client";
import { alertSettings } from "@/lib/alerts";
import { fieldErrorsOf } from "@/lib/events";
import { adminCall, unrecordedRead } from "@/lib/service";
import type { ServiceContext } from "./context";
import { settingsInForce, type SettingsInForce } from "./alert-mapping";
import { reevaluateAllAlerts } from "./alert-evaluation";
import { invalid, ok, unsafeTextRefusal, type Result } from "./result";

/** The alert thresholds in force, and a new version of them (administrators only). */

export async function getAlertSettings(ctx: ServiceContext): Promise<SettingsInForce> {
  return unrecordedRead(ctx, settingsInForce);
}

/** A new settings version (admins only), then every patient's alerts re-evaluated under it. */
export async function updateAlertSettings(ctx: ServiceContext, input: unknown): Promise<Result<SettingsInForce & { reevaluated: number }>> {
  const saved = await adminCall(ctx, "alert-settings.update", async (tx, note) => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = alertSettings.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const row = await tx.alertSettingsVersion.create({ data: { settings: parsed.data as Prisma.InputJsonValue, createdBy: `${ctx.actor.name} (${ctx.actor.role})` } });
    note.detail = `settings version ${row.version}`;
    return ok({ version: row.version, settings: parsed.data });
  });
  if (!saved.ok) return saved;
  const result = await reevaluateAllAlerts(ctx.db);
  return ok({ ...saved.value, reevaluated: result.patients });
}
