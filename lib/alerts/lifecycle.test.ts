import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { reconcile, type AlertLifecycleStatus, type StoredAlert } from "./lifecycle";
import { defaultAlertSettings } from "./settings";
import { day, enteredInError, progressionCt, seedCaseBeforeProgression } from "./testing";
import type { Alert } from "./types";

const seed = { id: "seed" };
const [open] = evaluate(seed, seedCaseBeforeProgression(), defaultAlertSettings, day(215));
const [resolved] = evaluate(seed, [...seedCaseBeforeProgression(), progressionCt()], defaultAlertSettings, day(230));
const [rekeyed] = evaluate(
  seed,
  // The anchor scan entered in error: the findings now follow the scan before it, under another key.
  seedCaseBeforeProgression().map((event) => (event.id === "ct-end" ? enteredInError(event) : event)),
  defaultAlertSettings,
  day(215),
);

/** A stored row as a service might hold it: the engine's fields plus its own. */
type Row = StoredAlert & { rowId: number };
const row = (alert: Alert, status: AlertLifecycleStatus, extra: Partial<Row> = {}): Row => ({ ...alert, status, rowId: 7, ...extra });

/** What happens to the one stored alert: "insert <status>", "update <from> → <to>", "leave <status>". */
function outcome(existing: Row[], evaluated: Alert[]): string[] {
  const { insert, update, leave } = reconcile(existing, evaluated);
  return [
    ...insert.map((alert) => `insert ${alert.status}${alert.continues ? ` continuing ${alert.continues}` : ""}`),
    ...update.map(({ before, after }) => `update ${before.status} → ${after.status}`),
    ...leave.map((alert) => `leave ${alert.status}`),
  ];
}

describe("reconcile: what re-evaluation does to stored alerts, per stable key", () => {
  it.each<[string, Row[], Alert[], string[]]>([
    ["a new alert is inserted open", [], [open], ["insert open"]],
    ["history entered late yields an alert already resolved", [], [resolved], ["insert resolved"]],
    ["an unchanged open alert is left alone", [row(open, "open")], [open], ["leave open"]],
    ["imaging resolves an open alert", [row(open, "open")], [resolved], ["update open → resolved"]],
    ["an acknowledged alert stays acknowledged while unanswered", [row(open, "acknowledged")], [open], ["leave acknowledged"]],
    ["an acknowledged alert whose evidence grew stays acknowledged", [row(open, "acknowledged")], [{ ...open, evidence: [...open.evidence, "ck-d214"] }], ["update acknowledged → acknowledged"]],
    ["imaging still resolves an acknowledged alert", [row(open, "acknowledged")], [resolved], ["update acknowledged → resolved"]],
    ["a dismissed alert is never reopened", [row(open, "dismissed")], [open], ["leave dismissed"]],
    ["a dismissed alert is not changed by imaging either", [row(open, "dismissed")], [resolved], ["leave dismissed"]],
    ["a dismissed alert no longer produced stays dismissed", [row(open, "dismissed")], [], ["leave dismissed"]],
    ["an open alert no longer produced is withdrawn", [row(open, "open")], [], ["update open → withdrawn"]],
    ["an acknowledged alert no longer produced is withdrawn", [row(open, "acknowledged")], [], ["update acknowledged → withdrawn"]],
    ["a resolved alert no longer produced is withdrawn", [row(resolved, "resolved")], [], ["update resolved → withdrawn"]],
    ["a withdrawn alert stays withdrawn", [row(open, "withdrawn")], [], ["leave withdrawn"]],
    ["a withdrawn alert produced again comes back", [row(open, "withdrawn")], [open], ["update withdrawn → open"]],
    ["a resolved alert whose scan was entered in error reopens", [row(resolved, "resolved")], [open], ["update resolved → open"]],
    ["… acknowledged if it had been acknowledged", [row(resolved, "resolved", { acknowledged: true })], [open], ["update resolved → acknowledged"]],
    ["a re-keyed alert continues the old one, which is withdrawn", [row(open, "open")], [rekeyed], [`insert open continuing ${open.key}`, "update open → withdrawn"]],
    ["… keeping its acknowledgement", [row(open, "acknowledged")], [rekeyed], [`insert acknowledged continuing ${open.key}`, "update acknowledged → withdrawn"]],
    ["… and its dismissal", [row(open, "dismissed")], [rekeyed], [`insert dismissed continuing ${open.key}`, "leave dismissed"]],
  ])("%s", (_rule, existing, evaluated, expected) => {
    expect(outcome(existing, evaluated)).toEqual(expected);
  });

  it("an alert of rule version 1 that followed the same scan is continued by version 2, with its acknowledgement", () => {
    const v1 = row({ ...open, key: "seed:reimaging-after-flare:ck-d210", ruleVersion: 1, evidence: ["other-event"] }, "acknowledged");
    expect(outcome([v1], [open])).toEqual([`insert acknowledged continuing ${v1.key}`, "update acknowledged → withdrawn"]);
    const elsewhere = row({ ...open, key: "seed:reimaging-after-flare:ck-d300", ruleVersion: 1, evidence: ["other-event"], lastImaging: { eventId: "ct-mid", date: "2020-04-10" } }, "acknowledged");
    expect(outcome([elsewhere], [open])).toEqual(["insert open", "update acknowledged → withdrawn"]);
  });

  it("updates the engine's fields and keeps the service's own", () => {
    const [{ before, after }] = reconcile([row(open, "acknowledged", { rowId: 42 })], [resolved]).update;
    expect(before.status).toBe("acknowledged");
    expect(after).toEqual({ ...resolved, status: "resolved", acknowledged: true, rowId: 42 });
  });

  it("drops the resolving scan when it is no longer there", () => {
    const [{ after }] = reconcile([row(resolved, "resolved")], [open]).update;
    expect(after).not.toHaveProperty("resolvedBy");
    expect(after.reason).toBe(open.reason);
  });

  it("is not fooled by a database returning fields in another order", () => {
    const reversed = (value: object) => Object.fromEntries(Object.entries(value).reverse());
    const stored = row(open, "open");
    const reordered = reversed({ ...stored, lastImaging: reversed(stored.lastImaging!) }) as Row;
    expect(outcome([reordered], [open])).toEqual(["leave open"]);
  });
});
