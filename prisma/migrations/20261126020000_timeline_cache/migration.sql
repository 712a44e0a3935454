-- CreateTable
CREATE TABLE "TimelineCache" (
    "patientId" UUID NOT NULL,
    "stamp" INTEGER NOT NULL,
    "events" TEXT NOT NULL,
    "builtAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TimelineCache_pkey" PRIMARY KEY ("patientId")
);

-- AddForeignKey
ALTER TABLE "TimelineCache" ADD CONSTRAINT "TimelineCache_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

