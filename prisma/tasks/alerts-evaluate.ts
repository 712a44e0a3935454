/** `npm run alerts:evaluate`: re-evaluates every patient's alerts (after an import, a settings change or a new rule version). */
import { openDatabase } from "@/lib/db";
import { reevaluateAllAlerts } from "@/lib/patients";

const db = await openDatabase();
try {
  const started = performance.now();
  const result = await reevaluateAllAlerts(db);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Re-evaluated ${result.patients} patients in ${seconds.toFixed(1)} s: ${result.inserted} alerts raised, ${result.updated} updated.`);
} finally {
  await db.close();
}
