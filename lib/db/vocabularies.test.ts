import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { alertLifecycleStatuses, alertPriorities } from "@/lib/alerts";
import { auditOutcomeOf, auditOutcomes, auditRoles, prismaOutcomes } from "@/lib/audit/service";
import { actorRoles, roles } from "@/lib/auth/actor";
import { datePrecisions, eventKinds, eventStatuses } from "@/lib/events";

/**
 * The closed vocabularies are written twice: in the code (the zod schemas and their `as const` lists,
 * which validate every input) and in prisma/schema.prisma (the enums the columns are, migration
 * 20261203300000_closed_vocabularies). Prisma cannot import a TypeScript list, so this test is what
 * keeps them one list: a value added on one side only fails here, in the same order (the order is
 * the enum's sort order, which the inbox's "high before normal" and the alert engine's "a timed event
 * after an untimed one on the same day" rely on).
 */
describe("the database's enums are the code's lists", () => {
  it.each([
    ["EventKind", $Enums.EventKind, eventKinds],
    ["EventStatus", $Enums.EventStatus, eventStatuses],
    ["DatePrecision", $Enums.DatePrecision, datePrecisions],
    ["UserRole", $Enums.UserRole, roles],
    ["ActorRole", $Enums.ActorRole, actorRoles],
    ["AuditRole", $Enums.AuditRole, auditRoles],
    ["AlertStatus", $Enums.AlertStatus, alertLifecycleStatuses],
    ["AlertPriority", $Enums.AlertPriority, alertPriorities],
  ] as const)("%s", (_name, prismaEnum, list) => {
    expect(Object.values(prismaEnum)).toEqual([...list]);
  });

  it("AuditOutcome: the same words, not-found under its Prisma name not_found, both ways", () => {
    expect(Object.values($Enums.AuditOutcome)).toEqual(auditOutcomes.map((outcome) => prismaOutcomes[outcome]));
    expect(Object.values($Enums.AuditOutcome).map(auditOutcomeOf)).toEqual([...auditOutcomes]);
    expect(prismaOutcomes["not-found"]).toBe("not_found");
  });

  it("orders high before normal and a day before a time, as the text did", () => {
    expect(alertPriorities.indexOf("high")).toBeLessThan(alertPriorities.indexOf("normal"));
    expect(datePrecisions.indexOf("day")).toBeLessThan(datePrecisions.indexOf("time"));
  });
});
