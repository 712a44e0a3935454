import "server-only";
import { eventColumns } from "./mapping";
import { Prisma } from "@prisma/client";
import { precisionOf, type DatePrecision, type EventInput, type EventKind, type EventStatus } from "@/lib/events";
import type { ActorRole } from "@/lib/auth";
import { fhirSystems } from "@/lib/fhir";
import { targetLesionSum, withoutServerFields } from "@/lib/recist";
import { changesRecist, refreshRecist } from "./recist";

type Tx = Prisma.TransactionClient;

/** An event to import with the key that makes importing it again a no-op. */
export interface KeyedEvent {
  key: string;
  event: EventInput;
}

export type ImportDecision<T extends KeyedEvent> =
  | { outcome: "created"; item: T; eventId: string }
  | { outcome: "updated"; item: T; eventId: string; version: number }
  | { outcome: "unchanged"; item: T; eventId: string }
  | { outcome: "ignored"; item: T; eventId: string; reason: string }
  | { outcome: "conflict"; item: T; eventId: string; message: string };

interface KeyedRow {
  key: string;
  keyedId: string;
  chainId: string;
  kind: EventKind;
  occurredAt: string;
  endedAt: string | null;
  payload: unknown;
  headId: string;
  headVersion: number;
  headStatus: EventStatus;
}

const clinical = (column: string, precision: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL WHEN ${precision} = 'time' THEN to_char(${column}, 'YYYY-MM-DD"T"HH24:MI') ELSE to_char(${column}, 'YYYY-MM-DD') END`;

const KEYED_SQL = `
  SELECT k."sourceKey" AS key, k.id AS "keyedId", k."chainId", k.kind, k.payload,
         ${clinical(`k."occurredAt"`, `k."datePrecision"`)} AS "occurredAt",
         ${clinical(`k."endedAt"`, `k."endPrecision"`)} AS "endedAt",
         h.id AS "headId", h.version AS "headVersion", h.status AS "headStatus"
    FROM "Event" k
    JOIN "Event" h ON h."chainId" = k."chainId" AND h.current
   WHERE k."patientId" = $1::uuid AND k."sourceKey" = ANY($2::text[])`;

/** Events first recorded here, exported under their own id and now coming back: their current version. */
const NATIVE_SQL = `
  SELECT h."chainId" AS key, h.id AS "keyedId", h."chainId", h.kind, h.payload,
         ${clinical(`h."occurredAt"`, `h."datePrecision"`)} AS "occurredAt",
         ${clinical(`h."endedAt"`, `h."endPrecision"`)} AS "endedAt",
         h.id AS "headId", h.version AS "headVersion", h.status AS "headStatus"
    FROM "Event" h
   WHERE h."patientId" = $1::uuid AND h."chainId" = ANY($2::uuid[]) AND h.current`;

const NATIVE_PREFIX = `${fhirSystems.eventIdentifier}|`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids that sort in the order they were made (UUID version 7 layout: milliseconds, then a counter), so
 * that events imported in one transaction, which share their recordedAt, keep the bundle's order on
 * the same day, as the timeline orders by date, then recordedAt, then id.
 */
export function orderedIds(): () => string {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, "0");
  const time = hex(Date.now(), 12);
  let counter = 0;
  return () => {
    const n = counter++;
    const random = crypto.getRandomValues(new Uint16Array(3));
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex((n >>> 14) & 0xfff, 3)}-${hex(0x8000 | (n & 0x3fff), 4)}-${[...random].map((r) => hex(r, 4)).join("")}`;
  };
}

/** JSON with sorted keys and no undefined fields: equal content, equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** What a writer sent: an imaging payload's server-computed RECIST fields are not part of it. */
export function contentOf(event: { kind: string; occurredAt: string; endedAt?: string | null; payload: unknown }): string {
  const payload = event.kind === "imaging" && event.payload && typeof event.payload === "object" ? withoutServerFields(event.payload as Record<string, unknown>) : event.payload;
  return canonicalJson({ kind: event.kind, occurredAt: event.occurredAt, endedAt: event.endedAt ?? null, payload });
}

/** A typed sum that disagrees with the itemised lesions is refused for every writer, imports included. */
function typedSumProblem(event: EventInput): string | undefined {
  if (event.kind !== "imaging") return undefined;
  const { targetLesions, targetSumMm } = event.payload;
  if (!targetLesions || targetLesions.length === 0 || targetSumMm === undefined) return undefined;
  const sum = targetLesionSum(targetLesions);
  return Math.round(sum * 100) === Math.round(targetSumMm * 100) ? undefined : `The target lesions add up to ${sum} mm, not the ${targetSumMm} mm given: correct the sum or the lesions`;
}


const BATCH = 5000;

/**
 * New events go in as one JSON parameter per batch, unpacked by PostgreSQL: far faster than a
 * multi-row insert built by the client (a 20 000-resource bundle is one transaction).
 */
const INSERT_SQL = `
  INSERT INTO "Event" (id, "chainId", version, current, status, "patientId", kind, "occurredAt", "datePrecision",
                       "endedAt", "endPrecision", payload, "recordedBy", "recordedRole", "sourceKey")
  SELECT r.id, r.id, 1, true, 'final', $1::uuid, r.kind, r."occurredAt", r."datePrecision",
         r."endedAt", r."endPrecision", r.payload, $2, $3::"ActorRole", r."sourceKey"
    FROM jsonb_to_recordset($4::jsonb) AS r(id uuid, kind "EventKind", "occurredAt" timestamp, "datePrecision" "DatePrecision",
                                            "endedAt" timestamp, "endPrecision" "DatePrecision", payload jsonb, "sourceKey" text)`;

interface NewRow {
  id: string;
  kind: EventKind;
  occurredAt: string;
  datePrecision: DatePrecision;
  endedAt: string | null;
  endPrecision: DatePrecision | null;
  payload: unknown;
  sourceKey: string;
}

function newRow(id: string, event: EventInput, sourceKey: string): NewRow {
  const wall = (date: string) => (precisionOf(date) === "day" ? `${date}T00:00:00` : `${date}:00`);
  return {
    id,
    kind: event.kind,
    occurredAt: wall(event.occurredAt),
    datePrecision: precisionOf(event.occurredAt),
    endedAt: event.endedAt ? wall(event.endedAt) : null,
    endPrecision: event.endedAt ? precisionOf(event.endedAt) : null,
    payload: event.payload,
    sourceKey,
  };
}

/**
 * Writes imported events for one patient inside the caller's transaction. A key seen before with the
 * same content is unchanged; with other content, the source changed it, and the import writes a new
 * version (the earlier one stays in the history) and moves the key onto it. An event marked entered in
 * error here is not brought back. Conflicts (a key now naming another kind of event) are returned for
 * the caller to refuse the whole import.
 */
export async function writeImportedEvents<T extends KeyedEvent>(
  tx: Tx,
  patientId: string,
  items: readonly T[],
  recorder: { name: string; role: ActorRole },
  options: { patientIsNew: boolean },
): Promise<ImportDecision<T>[]> {
  const known = new Map<string, KeyedRow>();
  if (!options.patientIsNew) {
    for (let i = 0; i < items.length; i += 10_000) {
      const keys = items.slice(i, i + 10_000).map((item) => item.key);
      const rows = await tx.$queryRawUnsafe<KeyedRow[]>(KEYED_SQL, patientId, keys);
      for (const row of rows) known.set(row.key, row);
    }
    const native = items.filter((item) => !known.has(item.key) && item.key.startsWith(NATIVE_PREFIX) && UUID.test(item.key.slice(NATIVE_PREFIX.length)));
    for (let i = 0; i < native.length; i += 10_000) {
      const ids = native.slice(i, i + 10_000).map((item) => item.key.slice(NATIVE_PREFIX.length));
      const rows = await tx.$queryRawUnsafe<KeyedRow[]>(NATIVE_SQL, patientId, ids);
      for (const row of rows) known.set(`${NATIVE_PREFIX}${row.key}`, row);
    }
  }
  const nextId = orderedIds();
  const decisions: ImportDecision<T>[] = [];
  const inserts: NewRow[] = [];
  const updates: { item: T; row: KeyedRow; id: string }[] = [];
  for (const item of items) {
    const row = known.get(item.key);
    const sumProblem = typedSumProblem(item.event);
    if (sumProblem) {
      decisions.push({ outcome: "conflict", item, eventId: row?.chainId ?? "", message: `${item.key}: ${sumProblem}` });
      continue;
    }
    if (!row) {
      const id = nextId();
      inserts.push(newRow(id, item.event, item.key));
      decisions.push({ outcome: "created", item, eventId: id });
      continue;
    }
    const payload = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload;
    if (contentOf({ ...row, payload }) === contentOf(item.event)) {
      decisions.push({ outcome: "unchanged", item, eventId: row.chainId });
    } else if (row.kind !== item.event.kind) {
      decisions.push({ outcome: "conflict", item, eventId: row.chainId, message: `The identifier ${item.key} was imported before as a ${row.kind} event, not a ${item.event.kind}` });
    } else if (row.headStatus === "entered_in_error") {
      decisions.push({ outcome: "ignored", item, eventId: row.chainId, reason: "Changed at the source, but marked entered in error in Flarewatch: not brought back" });
    } else {
      const id = nextId();
      updates.push({ item, row, id });
      decisions.push({ outcome: "updated", item, eventId: row.chainId, version: row.headVersion + 1 });
    }
  }
  if (decisions.some((d) => d.outcome === "conflict")) return decisions;
  for (let i = 0; i < inserts.length; i += BATCH) {
    await tx.$executeRawUnsafe(INSERT_SQL, patientId, recorder.name, recorder.role, JSON.stringify(inserts.slice(i, i + BATCH)));
  }
  for (const { item, row, id } of updates) {
    if (row.keyedId !== row.headId || !item.key.startsWith(NATIVE_PREFIX)) await tx.event.update({ where: { id: row.keyedId }, data: { sourceKey: null } });
    const released = await tx.event.updateMany({ where: { id: row.headId, current: true, version: row.headVersion }, data: { current: false } });
    if (released.count !== 1) throw new Error(`event ${row.chainId} changed during the import`);
    await tx.event.create({
      data: {
        id,
        chainId: row.chainId,
        version: row.headVersion + 1,
        supersedesId: row.headId,
        current: true,
        status: "amended",
        patientId,
        ...eventColumns(item.event),
        recordedBy: recorder.name,
        recordedRole: recorder.role,
        sourceKey: item.key,
      },
    });
  }
  // An imported report keeps the radiologist's response; the server's computed one is stored beside it.
  if (changesRecist([...inserts.map((row) => row.kind), ...updates.map(({ item }) => item.event.kind)])) await refreshRecist(tx, patientId);
  return decisions;
}
