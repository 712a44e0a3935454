/** `npm run alerts:backtest`: every run of worsening findings in the cohort's history against the imaging that followed. */
import { systemActor } from "@/lib/auth";
import { openDatabase } from "@/lib/db";
import { formatClinicalDate } from "@/lib/events";
import { backtestCohort } from "@/lib/patients";

const db = await openDatabase();
try {
  const result = await backtestCohort({ db, actor: systemActor("alerts:backtest") });
  const name = (id: string) => `${result.patients[id]?.name ?? id} (${result.patients[id]?.identifier ?? "?"})`;
  console.log(`Backtest under alert settings version ${result.settingsVersion}\n`);
  console.log(["first finding", "patient", "domains", "alert", "next answering scan", "days to it", "PD within window"].join("\t"));
  for (const row of result.alerts) {
    console.log(
      [
        `${formatClinicalDate(row.firstFinding)}${row.dmOnset ? " (before cancer)" : ""}`,
        name(row.patientId),
        row.domains.join("+"),
        row.noAlert ? `no (${row.noAlert})` : `yes (${row.priority}, fired ${row.firedOn ? formatClinicalDate(row.firedOn) : "—"})`,
        row.nextAnsweringScan ? `${formatClinicalDate(row.nextAnsweringScan.date)} ${row.nextAnsweringScan.response ?? "baseline"}` : "none",
        row.leadTimeDays !== undefined ? `${row.leadTimeDays} days` : "—",
        row.progression ? formatClinicalDate(row.progression.date) : "no",
      ].join("\t"),
    );
  }
  const s = result.summary;
  const share = (x: { share: number | null; count: number; of: number }) => `${x.share === null ? "—" : `${Math.round(x.share * 100)}%`} (${x.count} of ${x.of})`;
  console.log(
    `\n${s.dmPatients} of ${s.patients} patients with dermatomyositis; ${s.alertCount} re-imaging alerts (${s.highPriorityCount} high priority); ` +
      `alerts followed by PD within ${result.windowDays} days: ${share(s.alertsFollowedByProgression)}; ` +
      `PDs preceded by an alert: ${share(s.progressionsPrecededByAlert)}; median days to an answering scan: ${s.medianLeadTimeDays ?? "—"}; ` +
      `no alert: ${s.noAlert["recent-answering-scan"]} recent answering scan, ${s.noAlert["no-cancer"]} no cancer, ${s.noAlert["no-dm"]} no DM; ` +
      `${s.dmOnsetRuns} DM-first runs apart; ${s.immuneMyositisAlerts} immune-related myositis alerts.` +
      (result.demoPatients > 0 ? ` ${result.demoPatients} of these patients are demo data.` : ""),
  );
} finally {
  await db.close();
}
