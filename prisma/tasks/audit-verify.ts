/**
 * `npm run audit:verify`: walks the sealed audit trail and reports the first broken link (exit 1 if
 * any), then how many of the newest rows still wait for the sealer, then the head (the last sealed
 * row's number and hash). Keep that line somewhere the database's owners cannot edit (a ticket, a log
 * server): `npm run audit:verify -- --anchor <seq>:<hash>` later proves that the trail still holds
 * that row unchanged, so rows removed from the end are detected too.
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
  const { checked, problem, unsealed, head } = await verifyAuditTrail(db.prisma);
  if (problem) {
    console.error(`Audit trail BROKEN after ${checked} sealed rows: ${problem.message}`);
    process.exitCode = 1;
  } else {
    console.log(`Audit trail intact: ${checked} sealed rows, every link holds.`);
  }
  if (unsealed) {
    const ageSeconds = Math.round((Date.now() - Date.parse(unsealed.oldestAt)) / 1000);
    console.log(
      `Not sealed yet: ${unsealed.count} row${unsealed.count === 1 ? "" : "s"}, the oldest row ${unsealed.oldestSeq} written ${unsealed.oldestAt} (${ageSeconds} s ago). ` +
        `A running app server seals within seconds; with none running, npm run audit:seal.`,
    );
  } else {
    console.log("Not sealed yet: none.");
  }
  console.log(head ? `head: ${head.seq}:${head.hash}` : "head: (nothing sealed yet)");
  if (anchor) {
    const seq = Number(anchor[1]);
    const row = await db.prisma.auditSeal.findUnique({ where: { seq }, select: { hash: true } });
    if (!row) {
      console.error(`Anchor ${seq} MISSING: the sealed trail ends at ${head?.seq ?? 0}; rows were removed from its end.`);
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
