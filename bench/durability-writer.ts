import { systemActor } from "@/lib/auth";
/**
 * Child process of bench/durability.ts: opens the PGlite directory and records events through the
 * record service as fast as it can, printing "ack <event id>" only after each write has committed.
 */
import { openPGlite } from "@/lib/db";
import { exampleEvents } from "@/lib/events";
import { createPatient, recordEvent } from "@/lib/patients";

const [dataDir, patientIdArg] = process.argv.slice(2);
const db = await openPGlite(dataDir);
const ctx = { db, actor: systemActor("bench:durability") };
let patientId = patientIdArg;
if (!patientId) {
  const patient = await createPatient(ctx, { identifier: "DURABILITY", familyName: "Bench", givenName: "Kill", sex: "unknown" });
  if (!patient.ok) throw new Error(patient.error.message);
  patientId = patient.value.id;
}
process.stdout.write(`ready ${patientId}\n`);
for (let i = 0; ; i++) {
  const result = await recordEvent(ctx, patientId, { ...exampleEvents.lab_result, payload: { ...exampleEvents.lab_result.payload, value: i } }, { confirm: ["duplicate"] });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`ack ${result.value.id}\n`);
}
