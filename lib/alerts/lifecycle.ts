import { screeningContinuationOf } from "./screening";
import type { Alert } from "./types";

/**
 * An alert's life once stored:
 * - open: raised, nobody has looked at it yet;
 * - acknowledged: a clinician has seen it (with a note); it stays acknowledged while the flare is
 *   unanswered, and still becomes resolved when imaging comes;
 * - resolved: tumour imaging on or after the episode's start answered it;
 * - dismissed: a clinician closed it with a reason; the engine never reopens or changes it;
 * - withdrawn: the engine no longer raises it (its evidence was entered in error, or a setting changed).
 */
export const alertLifecycleStatuses = ["open", "acknowledged", "resolved", "dismissed", "withdrawn"] as const;
export type AlertLifecycleStatus = (typeof alertLifecycleStatuses)[number];

/** An alert as stored: the engine's last word on it plus where it is in its life. Services may add their own fields (ids, notes, who and when). */
export interface StoredAlert extends Omit<Alert, "status" | "findings"> {
  status: AlertLifecycleStatus;
  /** Set once a clinician acknowledged it, so an alert reopened after resolution comes back acknowledged. */
  acknowledged?: boolean;
}

export interface AlertUpdate<S extends StoredAlert> {
  before: S;
  after: S;
}

/** A new alert to store. */
export interface AlertInsert extends StoredAlert {
  /**
   * The key of a stored alert this one continues under a different key: same rule and overlapping
   * evidence (its anchor scan was entered in error), or an alert of an older rule version that followed
   * the same scan (an upgrade). The old one is withdrawn; the new one keeps its acknowledgement or
   * dismissal, and the service may carry its notes over.
   */
  continues?: string;
}

/** What the service should write, each list ordered by key. */
export interface Reconciliation<S extends StoredAlert> {
  insert: AlertInsert[];
  update: AlertUpdate<S>[];
  /** Stored alerts that need no write. */
  leave: S[];
}

/**
 * Decides per stable key what to insert, update or leave when a patient's alerts are re-evaluated.
 * `existing` are that patient's stored alerts; `evaluated` what `evaluate` says should exist now.
 * - a new key is inserted (already resolved when imaging since is on record);
 * - a dismissed alert is never reopened or changed;
 * - an acknowledged alert stays acknowledged, but becomes resolved when imaging comes;
 * - any other stored alert takes the engine's status and content;
 * - a stored alert whose key is no longer produced is withdrawn.
 * Pure: the service writes the result in the same transaction as the event that caused it.
 */
export function reconcile<S extends StoredAlert>(existing: readonly S[], evaluated: readonly Alert[]): Reconciliation<S> {
  const stored = new Map(existing.map((alert) => [alert.key, alert]));
  const produced = new Map(evaluated.map((alert) => [alert.key, alert]));
  const orphans = existing.filter((alert) => !produced.has(alert.key) && alert.status !== "withdrawn").sort(byKey);
  const continued = new Set<string>();
  const result: Reconciliation<S> = { insert: [], update: [], leave: [] };

  for (const alert of evaluated) {
    const before = stored.get(alert.key);
    if (!before) {
      const evidence = new Set(alert.evidence);
      const predecessor =
        orphans.find((o) => !continued.has(o.key) && o.ruleId === alert.ruleId && o.evidence.some((id) => evidence.has(id))) ??
        // An alert of an older rule version answers the same question when it followed the same scan.
        orphans.find((o) => !continued.has(o.key) && o.ruleId === alert.ruleId && o.ruleVersion < alert.ruleVersion && o.lastImaging !== undefined && o.lastImaging.eventId === alert.lastImaging?.eventId) ??
        // A screening round that was due and is now overdue: the same round, under the overdue rule.
        orphans.find((o) => !continued.has(o.key) && screeningContinuationOf(o.key) === alert.key);
      if (!predecessor) {
        result.insert.push({ ...alert });
        continue;
      }
      continued.add(predecessor.key);
      const status = predecessor.status === "dismissed" ? "dismissed" : nextStatus(predecessor, alert);
      result.insert.push({ ...alert, status, ...(wasAcknowledged(predecessor) && { acknowledged: true }), continues: predecessor.key });
      continue;
    }
    if (before.status === "dismissed") {
      result.leave.push(before);
      continue;
    }
    const after: S = { ...before };
    // An optional field the engine no longer gives (the resolving scan entered in error) goes too.
    delete after.lastImaging;
    delete after.resolvedBy;
    Object.assign(after, alert, { status: nextStatus(before, alert) });
    if (wasAcknowledged(before)) after.acknowledged = true;
    if (sameAlert(before, after)) result.leave.push(before);
    else result.update.push({ before, after });
  }

  for (const before of existing) {
    if (produced.has(before.key)) continue;
    if (before.status === "dismissed" || before.status === "withdrawn") result.leave.push(before);
    else result.update.push({ before, after: { ...before, status: "withdrawn" } });
  }

  result.insert.sort(byKey);
  result.update.sort((a, b) => byKey(a.before, b.before));
  result.leave.sort(byKey);
  return result;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function nextStatus(before: StoredAlert, evaluated: Alert): AlertLifecycleStatus {
  if (evaluated.status === "resolved") return "resolved";
  // Still unanswered (or answered by imaging since entered in error): a clinician's acknowledgement stands.
  return wasAcknowledged(before) ? "acknowledged" : "open";
}

/** The fields the engine owns, compared whatever order a database returned them in. */
const engineFields = ["status", "ruleId", "ruleVersion", "priority", "priorityReasons", "evidence", "episodeStart", "domains", "lastImaging", "resolvedBy", "reason"] as const;

function sameAlert(a: StoredAlert, b: StoredAlert): boolean {
  return wasAcknowledged(a) === wasAcknowledged(b) && engineFields.every((field) => canonical(a[field]) === canonical(b[field]));
}

function wasAcknowledged(alert: StoredAlert): boolean {
  return alert.status === "acknowledged" || alert.acknowledged === true;
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
