-- CreateTable
CREATE TABLE "PatientSummary" (
    "patientId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastEventAt" TIMESTAMP(0),
    "openAlerts" INTEGER NOT NULL DEFAULT 0,
    "openHighAlerts" INTEGER NOT NULL DEFAULT 0,
    "alertRank" INTEGER NOT NULL DEFAULT 2,
    "oldestOpenAlertAt" TIMESTAMPTZ(3),
    "lastScanAt" TIMESTAMP(0),
    "lastScanModality" TEXT,
    "lastScanResponse" TEXT,
    "currentLine" INTEGER,
    "currentRegimen" TEXT,
    "skinGrade" INTEGER,
    "skinGradeAt" TIMESTAMP(0),
    "previousSkinGrade" INTEGER,
    "ckValue" DOUBLE PRECISION,
    "ckUnit" TEXT,
    "ckTimesUln" DOUBLE PRECISION,
    "ckAt" TIMESTAMP(0),
    "previousCkTimesUln" DOUBLE PRECISION,
    "cancerType" TEXT,
    "dm" BOOLEAN NOT NULL DEFAULT false,
    "diagnoses" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientSummary_pkey" PRIMARY KEY ("patientId")
);

-- CreateIndex
CREATE INDEX "Alert_status_priority_raisedAt_id_idx" ON "Alert"("status", "priority", "raisedAt", "id");

-- AddForeignKey
ALTER TABLE "PatientSummary" ADD CONSTRAINT "PatientSummary_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the worklist's sort orders, each ending in the patient id for keyset paging. A missing
-- date sorts as -infinity / infinity so the comparison in the cursor never meets a NULL.
CREATE INDEX "PatientSummary_alerts_sort" ON "PatientSummary"("alertRank", (coalesce("oldestOpenAlertAt", 'infinity'::timestamptz)), "patientId");
CREATE INDEX "PatientSummary_scan_sort" ON "PatientSummary"((coalesce("lastScanAt", '-infinity'::timestamp)), "patientId");
CREATE INDEX "PatientSummary_event_sort" ON "PatientSummary"((coalesce("lastEventAt", '-infinity'::timestamp)), "patientId");
CREATE INDEX "PatientSummary_line_sort" ON "PatientSummary"((coalesce("currentLine", 0)), "patientId");
CREATE INDEX "PatientSummary_activity_sort" ON "PatientSummary"((coalesce("skinGrade", -1)), (coalesce("ckTimesUln", -1)), "patientId");
-- The navigation count reads only patients with an open alert.
CREATE INDEX "PatientSummary_open_alerts" ON "PatientSummary"("patientId") WHERE "openAlerts" > 0;
CREATE INDEX "Patient_name_sort" ON "Patient"("familyName", "givenName", "id");

-- Every patient has a summary row from the moment it exists, however it is inserted (service, import,
-- bulk load): an empty record's summary is the defaults.
CREATE FUNCTION patient_summary_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PatientSummary" ("patientId") VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER patient_summary_row AFTER INSERT ON "Patient" FOR EACH ROW EXECUTE FUNCTION patient_summary_row();

-- Existing patients get a row at version 0: the first start after the upgrade computes them
-- (upgradeSummaries, run by `npm start`'s seed step), with the alert settings in force.
INSERT INTO "PatientSummary" ("patientId", "version") SELECT id, 0 FROM "Patient";
