/** `npm run audit:verify`: walks the audit trail and reports the first broken link (exit 1 if any). */
import { verifyAuditTrail } from "@/lib/audit/service";
import { openDatabase } from "@/lib/db";

const db = await openDatabase();
try {
  const { checked, problem } = await verifyAuditTrail(db.prisma);
  if (problem) {
    console.error(`Audit trail BROKEN after ${checked} rows: ${problem.message}`);
    process.exitCode = 1;
  } else {
    console.log(`Audit trail intact: ${checked} rows, every link holds.`);
  }
} finally {
  await db.close();
}
