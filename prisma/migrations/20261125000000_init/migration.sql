-- CreateTable
CREATE TABLE "Patient" (
    "id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "birthDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "chainId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "supersedesId" UUID,
    "current" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "patientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(0) NOT NULL,
    "endedAt" TIMESTAMP(0),
    "datePrecision" TEXT NOT NULL,
    "endPrecision" TEXT,
    "payload" JSONB NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL,
    "recordedRole" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Patient_identifier_key" ON "Patient"("identifier");

-- CreateIndex
CREATE INDEX "Patient_familyName_givenName_idx" ON "Patient"("familyName", "givenName");

-- CreateIndex
CREATE UNIQUE INDEX "Event_supersedesId_key" ON "Event"("supersedesId");

-- CreateIndex
CREATE INDEX "Event_patientId_occurredAt_idx" ON "Event"("patientId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_chainId_version_key" ON "Event"("chainId", "version");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Written by hand (Prisma's schema language cannot express these).
-- At most one current version per logical event: a second concurrent amendment fails here.
CREATE UNIQUE INDEX "Event_one_current_version" ON "Event"("chainId") WHERE "current";
-- The timeline reads current, valid versions of one patient in clinical order.
CREATE INDEX "Event_timeline_idx" ON "Event"("patientId", "occurredAt", "recordedAt") WHERE "current" AND "status" <> 'entered_in_error';
ALTER TABLE "Event" ADD CONSTRAINT "Event_status_check" CHECK ("status" IN ('final', 'amended', 'entered_in_error'));
ALTER TABLE "Event" ADD CONSTRAINT "Event_datePrecision_check" CHECK ("datePrecision" IN ('day', 'time'));
ALTER TABLE "Event" ADD CONSTRAINT "Event_endPrecision_check" CHECK (("endedAt" IS NULL AND "endPrecision" IS NULL) OR ("endedAt" >= "occurredAt" AND "endPrecision" IN ('day', 'time')));
ALTER TABLE "Event" ADD CONSTRAINT "Event_version_check" CHECK ("version" >= 1);
ALTER TABLE "Event" ADD CONSTRAINT "Event_statusReason_check" CHECK ("status" <> 'entered_in_error' OR "statusReason" IS NOT NULL);
