-- Imported events remember the FHIR identifier (or fullUrl) they came from, so that importing the same
-- bundle again changes nothing. One key per patient; events entered in Flarewatch have none.
-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "sourceKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Event_patientId_sourceKey_key" ON "Event"("patientId", "sourceKey");
