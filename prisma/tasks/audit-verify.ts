/**
 * `npm run audit:verify`: walks the audit trail and reports the first broken link (exit 1 if any),
 * then prints the head (last row's number and hash). Keep that line somewhere the database's owners
 * cannot edit (a ticket, a log server): `npm run audit:verify -- --anchor <seq>:<hash>` later proves
 * that the trail still holds that row unchanged, so rows removed from the end are detected too.
 */
import { parseArgs } from "node:util";
import { verifyAuditTrail } from "@/lib/audit/service";
import { openDatabase } from "@/lib/db";

const { values } = parseArgs({ options: { anchor: { type: "string" } } });
const anchor = values.anchor?.match(/^(\d+):([0-9a-f]{64})$/);
if (values.anchor && !anchor) {
  console.error("--anchor takes <seq>:<hash>, as printed on the 'head' line of an earlier run");
  process.exit(2);
}

const db = await openDatabase();
try {
  const { checked, problem } = await verifyAuditTrail(db.prisma);
  if (problem) {
    console.error(`Audit trail BROKEN after ${checked} rows: ${problem.message}`);
    process.exitCode = 1;
  } else {
    console.log(`Audit trail intact: ${checked} rows, every link holds.`);
  }
  const head = await db.prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  console.log(head ? `head: ${head.seq}:${head.hash}` : "head: (empty trail)");
  if (anchor) {
    const seq = Number(anchor[1]);
    const row = await db.prisma.auditEntry.findUnique({ where: { seq }, select: { hash: true } });
    if (!row) {
      console.error(`Anchor ${seq} MISSING: the trail ends at ${head?.seq ?? 0}; rows were removed from its end.`);
      process.exitCode = 1;
    } else if (row.hash !== anchor[2]) {
      console.error(`Anchor ${seq} DIFFERS: row ${seq} no longer has the recorded hash.`);
      process.exitCode = 1;
    } else {
      console.log(`Anchor ${seq} holds.`);
    }
  }
} finally {
  await db.close();
}
