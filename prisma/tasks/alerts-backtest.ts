/** `npm run alerts:backtest`: every flare episode in the cohort's history against the imaging that followed. */
import { systemActor } from "@/lib/auth";
import { openDatabase } from "@/lib/db";
import { formatClinicalDate } from "@/lib/events";
import { backtestCohort } from "@/lib/patients";

const db = await openDatabase();
try {
  const result = await backtestCohort({ db, actor: systemActor("alerts:backtest") });
  const name = (id: string) => `${result.patients[id]?.name ?? id} (${result.patients[id]?.identifier ?? "?"})`;
  console.log(`Backtest under alert settings version ${result.settingsVersion}\n`);
  console.log(["flare date", "patient", "domains", "alerted", "next imaging", "lead time", "PD within window"].join("\t"));
  for (const e of result.episodes) {
    console.log(
      [
        formatClinicalDate(e.flareDate),
        name(e.patientId),
        e.domains.join("+"),
        e.alerted ? "yes" : "no",
        e.nextImaging ? `${formatClinicalDate(e.nextImaging.date)} ${e.nextImaging.response ?? "baseline"}` : "none",
        e.leadTimeDays !== undefined ? `${e.leadTimeDays} days` : "—",
        e.progression ? formatClinicalDate(e.progression.date) : "no",
      ].join("\t"),
    );
  }
  const s = result.summary;
  console.log(
    `\n${s.episodeCount} episodes, ${s.alertCount} alerted; ` +
      `followed by PD within the window: ${s.followedByProgressionShare === null ? "—" : `${Math.round(s.followedByProgressionShare * 100)}%`}; ` +
      `median lead time to imaging: ${s.medianLeadTimeDays ?? "—"} days; ` +
      `PD with no preceding episode: ${s.progressionsWithoutEpisode.length}.`,
  );
} finally {
  await db.close();
}
