import "server-only";
import type { Event as EventRow, Patient as PatientRow, Prisma } from "@prisma/client";
import { fromWallClock, precisionOf, toWallClock, type EventInput, type Patient, type TimelineEvent } from "@/lib/events";

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    identifier: row.identifier,
    ...(row.identifierSystem ? { identifierSystem: row.identifierSystem } : {}),
    familyName: row.familyName,
    givenName: row.givenName,
    sex: row.sex as Patient["sex"],
    birthDate: row.birthDate ? fromWallClock(row.birthDate, "day") : undefined,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export function toTimelineEvent(row: EventRow): TimelineEvent {
  const precision = row.datePrecision;
  return {
    id: row.chainId,
    versionId: row.id,
    version: row.version,
    status: row.status,
    statusReason: row.statusReason ?? undefined,
    patientId: row.patientId,
    kind: row.kind,
    occurredAt: fromWallClock(row.occurredAt, precision),
    endedAt: row.endedAt ? fromWallClock(row.endedAt, row.endPrecision ?? "day") : undefined,
    datePrecision: precision,
    // Payloads were validated by the kind's schema when written; they are stored as validated.
    payload: row.payload,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
    recordedRole: row.recordedRole,
  } as TimelineEvent;
}

/** An event's clinical columns as stored: wall-clock dates with their precision, and the validated payload. */
export function eventColumns(event: EventInput) {
  return {
    kind: event.kind,
    occurredAt: toWallClock(event.occurredAt),
    datePrecision: precisionOf(event.occurredAt),
    endedAt: event.endedAt ? toWallClock(event.endedAt) : null,
    endPrecision: event.endedAt ? precisionOf(event.endedAt) : null,
    payload: event.payload as Prisma.InputJsonValue,
  };
}
