-- Closed vocabularies stored as text become enums (issue 16): the column itself now refuses a word
-- outside the list, and the Prisma client types each column with its list. Every list is the code's,
-- in the code's order (lib/db/vocabularies.test.ts compares them); the stored words do not change.
--
-- Existing rows are converted in place (ALTER COLUMN ... TYPE ... USING): a stored word outside its list
-- stops the migration with PostgreSQL's "invalid input value for enum", and nothing is changed.
-- ALTER COLUMN TYPE rewrites a table without firing its row triggers, so the append-only triggers of
-- "AuditEntry" (BEFORE UPDATE OR DELETE, BEFORE TRUNCATE) let it through, and each audit row keeps the
-- same words: its hash (lib/audit/chain.ts) still verifies. Indexes on the columns are rebuilt by the
-- rewrite; the CHECK constraints that listed the words and the partial index whose predicate compares
-- "status" with text are dropped first and made again against the enum.
--
-- An enum sorts in its declared order, not alphabetically. Where SQL orders by one of these columns the
-- order is unchanged: priority 'high' before 'normal' (the inbox and its keyset cursor), datePrecision
-- 'day' before 'time' (the latest event of a day). Raw SQL that compares a column with a text array now
-- casts the array to the enum ($1::text[]::"EventKind"[]): an enum = text comparison does not exist.

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('treatment_cycle', 'procedure', 'radiotherapy', 'imaging', 'skin_assessment', 'muscle_assessment', 'lab_result', 'medication', 'diagnosis', 'antibody_result', 'adverse_event', 'admission', 'note');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('final', 'amended', 'entered_in_error');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('day', 'time');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'oncologist', 'rheumatologist', 'dermatologist', 'nurse', 'viewer');

-- CreateEnum
CREATE TYPE "ActorRole" AS ENUM ('admin', 'oncologist', 'rheumatologist', 'dermatologist', 'nurse', 'viewer', 'system');

-- CreateEnum
CREATE TYPE "AuditRole" AS ENUM ('admin', 'oncologist', 'rheumatologist', 'dermatologist', 'nurse', 'viewer', 'system', 'unknown');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('ok', 'denied', 'not-found', 'invalid', 'conflict', 'failed', 'locked');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved', 'dismissed', 'withdrawn');

-- CreateEnum
CREATE TYPE "AlertPriority" AS ENUM ('high', 'normal');

-- Written by hand: the lists the CHECK constraints held are the enums now; what else they said is kept.
ALTER TABLE "Event" DROP CONSTRAINT "Event_status_check";
ALTER TABLE "Event" DROP CONSTRAINT "Event_datePrecision_check";
ALTER TABLE "Event" DROP CONSTRAINT "Event_endPrecision_check";
ALTER TABLE "Event" DROP CONSTRAINT "Event_statusReason_check";
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_status_check";
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_priority_check";
ALTER TABLE "user" DROP CONSTRAINT "user_role_check";
DROP INDEX "Event_timeline_idx";

-- AlterTable (one rewrite per table)
ALTER TABLE "Event" ALTER COLUMN "status" TYPE "EventStatus" USING "status"::"EventStatus",
ALTER COLUMN "kind" TYPE "EventKind" USING "kind"::"EventKind",
ALTER COLUMN "datePrecision" TYPE "DatePrecision" USING "datePrecision"::"DatePrecision",
ALTER COLUMN "endPrecision" TYPE "DatePrecision" USING "endPrecision"::"DatePrecision",
ALTER COLUMN "recordedRole" TYPE "ActorRole" USING "recordedRole"::"ActorRole";

-- AlterTable
ALTER TABLE "Alert" ALTER COLUMN "status" TYPE "AlertStatus" USING "status"::"AlertStatus",
ALTER COLUMN "priority" TYPE "AlertPriority" USING "priority"::"AlertPriority";

-- AlterTable
ALTER TABLE "AuditEntry" ALTER COLUMN "role" TYPE "AuditRole" USING "role"::"AuditRole",
ALTER COLUMN "outcome" TYPE "AuditOutcome" USING "outcome"::"AuditOutcome";

-- AlterTable
ALTER TABLE "user" ALTER COLUMN "role" TYPE "UserRole" USING "role"::"UserRole";

-- Written by hand, as in 20261125000000_init, against the enum.
CREATE INDEX "Event_timeline_idx" ON "Event"("patientId", "occurredAt", "recordedAt") WHERE "current" AND "status" <> 'entered_in_error';
ALTER TABLE "Event" ADD CONSTRAINT "Event_endPrecision_check" CHECK (("endedAt" IS NULL AND "endPrecision" IS NULL) OR ("endedAt" >= "occurredAt" AND "endPrecision" IS NOT NULL));
ALTER TABLE "Event" ADD CONSTRAINT "Event_statusReason_check" CHECK ("status" <> 'entered_in_error' OR "statusReason" IS NOT NULL);
