-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "patientId" UUID,
    "action" TEXT NOT NULL,
    "eventIds" JSONB NOT NULL,
    "address" TEXT,
    "userAgent" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "AuditEntry_patientId_seq_idx" ON "AuditEntry"("patientId", "seq");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");


-- Written by hand: the trail is append-only for everyone but a superuser repairing by hand.
CREATE FUNCTION "AuditEntry_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntry_append_only"();
