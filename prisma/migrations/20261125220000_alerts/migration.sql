-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "patientId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "settingsVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "priorityReasons" JSONB NOT NULL,
    "episodeStart" DATE NOT NULL,
    "domains" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "lastImaging" JSONB,
    "resolvedBy" JSONB,
    "reason" TEXT NOT NULL,
    "continues" TEXT,
    "acknowledged" BOOLEAN NOT NULL DEFAULT false,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "acknowledgementNote" TEXT,
    "dismissedAt" TIMESTAMPTZ(3),
    "dismissedBy" TEXT,
    "dismissalReason" TEXT,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSettingsVersion" (
    "version" SERIAL NOT NULL,
    "settings" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "AlertSettingsVersion_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

-- CreateIndex
CREATE INDEX "Alert_patientId_idx" ON "Alert"("patientId");

-- CreateIndex
CREATE INDEX "Alert_status_priority_raisedAt_idx" ON "Alert"("status", "priority", "raisedAt");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


ALTER TABLE "Alert" ADD CONSTRAINT "Alert_status_check" CHECK ("status" IN ('open', 'acknowledged', 'resolved', 'dismissed', 'withdrawn'));
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_priority_check" CHECK ("priority" IN ('high', 'normal'));
