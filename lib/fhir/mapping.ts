import type { EventKind } from "@/lib/events";
import { codingsOf, textOf, type Json, type ResourceReader } from "./read";
export type { Json };

/**
 * One FHIR resource → the event it records (FHIR.md's table, read backwards). A mapper only moves
 * fields across; the event's own zod schema then validates the result, and each zod problem is
 * reported at the FHIR path the field came from (`paths`: event field → FHIR path).
 */

export type Mapping =
  | { type: "event"; event: { kind: EventKind; occurredAt?: string; endedAt?: string; payload: Json }; paths: [string, string][]; notes?: string[]; countCycles?: boolean }
  | { type: "ignored"; reason: string }
  | { type: "rejected" };

export type Mapper = (r: ResourceReader) => Mapping;

export const ignored = (reason: string): Mapping => ({ type: "ignored", reason });
/** Drops undefined fields so that stored payloads carry only what was given. */
export function defined(payload: Json): Json {
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return payload;
}
export const conceptLabel = (concept: unknown): string => {
  const text = textOf(concept);
  if (typeof text === "string") return text;
  const first = codingsOf(concept)[0];
  return first ? `${String(first.system ?? "")}|${String(first.code ?? "")}${typeof first.display === "string" ? ` (${first.display})` : ""}` : "without a code";
};
export const fwCodes = <T extends string>(known: readonly T[]) => known.join(", ");

export function event(kind: EventKind, when: { occurredAt?: string; endedAt?: string; paths: [string, string][] }, payload: Json, paths: [string, string][], notes: string[] = []): Mapping {
  return { type: "event", event: { kind, occurredAt: when.occurredAt, endedAt: when.endedAt, payload: defined(payload) }, paths: [...when.paths, ...paths], ...(notes.length > 0 ? { notes } : {}) };
}

/** The resource's meta.profile URLs. */
export function profilesOf(resource: Json): string[] {
  const meta = resource.meta;
  if (typeof meta !== "object" || meta === null || !Array.isArray((meta as Json).profile)) return [];
  return ((meta as Json).profile as unknown[]).filter((p): p is string => typeof p === "string").map((p) => p.split("|")[0]);
}

