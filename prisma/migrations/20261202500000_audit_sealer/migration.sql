-- The audit trail without a global lock (issue 13). Until now every audited transaction took one
-- advisory lock to chain its row to the last one, so every request in the install queued behind it.
-- Rows are now numbered by a sequence and written without any lock; a single elected sealer chains
-- them afterwards, in seq order, into "AuditSeal" (lib/audit/sealer.ts explains when a row is final).

-- CreateTable
CREATE TABLE "AuditSeal" (
    "seq" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "sealedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("seq")
);

-- Written by hand: the rows chained so far keep their links and hashes unchanged (the hash covers the
-- same content as before), so an existing install's chain and its anchors stay valid.
INSERT INTO "AuditSeal" ("seq", "prevHash", "hash", "sealedAt") SELECT "seq", "prevHash", "hash", "at" FROM "AuditEntry";

-- AlterTable
ALTER TABLE "AuditEntry" DROP COLUMN "hash",
DROP COLUMN "prevHash";

-- AddForeignKey
ALTER TABLE "AuditSeal" ADD CONSTRAINT "AuditSeal_seq_fkey" FOREIGN KEY ("seq") REFERENCES "AuditEntry"("seq") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Written by hand: seals are append-only too.
CREATE TRIGGER "AuditSeal_no_update" BEFORE UPDATE OR DELETE ON "AuditSeal" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
CREATE TRIGGER "AuditSeal_no_truncate" BEFORE TRUNCATE ON "AuditSeal" FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntry_append_only"();

-- Written by hand: numbering. The trigger gives the transaction its id (pg_current_xact_id) BEFORE it
-- draws the number, so any transaction holding a number already has an id: the sealer relies on that
-- to know when every number up to a mark has committed or rolled back. It also overrides any number a
-- caller sends, so rows cannot be written into the past.
CREATE SEQUENCE "AuditEntry_seq_seq" AS INTEGER OWNED BY "AuditEntry"."seq";
SELECT setval('"AuditEntry_seq_seq"', COALESCE((SELECT max("seq") FROM "AuditEntry"), 0) + 1, false);
CREATE FUNCTION "AuditEntry_number"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_current_xact_id();
  NEW."seq" := nextval('"AuditEntry_seq_seq"');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditEntry_number" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_number"();
