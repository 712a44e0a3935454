-- CreateTable
CREATE TABLE "ScreeningCheck" (
    "patientId" UUID NOT NULL,
    "nextChangeOn" DATE,
    "evaluatedOn" DATE NOT NULL,

    CONSTRAINT "ScreeningCheck_pkey" PRIMARY KEY ("patientId")
);

-- CreateIndex
CREATE INDEX "ScreeningCheck_nextChangeOn_idx" ON "ScreeningCheck"("nextChangeOn");

-- AddForeignKey
ALTER TABLE "ScreeningCheck" ADD CONSTRAINT "ScreeningCheck_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Patients with dermatomyositis on record before this migration: due for a screening evaluation at the
-- first read of the inbox or of the patient (or at `npm run alerts:evaluate`).
INSERT INTO "ScreeningCheck" ("patientId", "nextChangeOn", "evaluatedOn")
SELECT DISTINCT e."patientId", DATE '1970-01-01', DATE '1970-01-01'
  FROM "Event" e
 WHERE e.kind = 'diagnosis' AND e.current AND e.status <> 'entered_in_error' AND e.payload->>'role' = 'dermatomyositis';
