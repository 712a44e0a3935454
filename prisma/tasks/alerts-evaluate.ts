/** `npm run alerts:evaluate`: re-evaluates every patient's alerts (after an import, a settings change or a new rule version). */
import { appendAudit } from "@/lib/audit";
import { systemActor } from "@/lib/auth";
import { openDatabase } from "@/lib/db";
import { reevaluateAllAlerts } from "@/lib/patients";

const db = await openDatabase();
try {
  const started = performance.now();
  const result = await reevaluateAllAlerts(db);
  const seconds = (performance.now() - started) / 1000;
  // Alerts are derived data, but the trail still says that they were rewritten, and by what.
  await db.prisma.$transaction((tx) =>
    appendAudit(tx, systemActor("alerts:evaluate"), undefined, {
      action: "alerts.reevaluate-all",
      detail: `${result.patients} patients: ${result.inserted} alerts raised, ${result.updated} updated`,
    }),
  );
  console.log(`Re-evaluated ${result.patients} patients in ${seconds.toFixed(1)} s: ${result.inserted} alerts raised, ${result.updated} updated.`);
} finally {
  await db.close();
}
