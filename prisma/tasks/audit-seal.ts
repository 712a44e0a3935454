/**
 * `npm run audit:seal`: seals (chains) every audit row written so far, then exits. App servers do this
 * by themselves every second (lib/audit/sealer.ts); this is for an install whose servers are stopped
 * (before a backup, after a restore) or that runs with FLAREWATCH_AUDIT_SEAL_MS=0. Safe beside running
 * servers: only one sealer seals at a time.
 */
import { AuditSealer } from "@/lib/audit/sealer";
import { openDatabase } from "@/lib/db";

const db = await openDatabase();
try {
  const result = await new AuditSealer(db.prisma).sealNow();
  console.log(`Sealed ${result.sealed} row${result.sealed === 1 ? "" : "s"} in ${result.waitedMs} ms; head: ${result.head ? `${result.head.seq}:${result.head.hash}` : "(nothing sealed yet)"}`);
  if (result.pending) {
    console.error("Some rows are still unsealed: a transaction that started before this run is still open (or another sealer holds the lock). Run it again later.");
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
