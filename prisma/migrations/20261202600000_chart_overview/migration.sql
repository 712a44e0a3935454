-- CreateTable
CREATE TABLE "ChartOverview" (
    "patientId" UUID NOT NULL,
    "stamp" INTEGER NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "builtAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChartOverview_pkey" PRIMARY KEY ("patientId")
);

-- CreateTable
CREATE TABLE "ChartMonth" (
    "patientId" UUID NOT NULL,
    "month" INTEGER NOT NULL,
    "keep" TEXT[],
    "counts" JSONB NOT NULL,

    CONSTRAINT "ChartMonth_pkey" PRIMARY KEY ("patientId","month")
);

-- AddForeignKey
ALTER TABLE "ChartOverview" ADD CONSTRAINT "ChartOverview_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChartMonth" ADD CONSTRAINT "ChartMonth_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

