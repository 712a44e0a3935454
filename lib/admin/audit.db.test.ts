import { afterEach, expect, it, vi } from "vitest";
import { AuditSealer, appendAudit, type AuditAction, type AuditActor, type AuditEntryInput } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { parseCsv } from "@/lib/csv";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import { createPatient, type ServiceContext } from "@/lib/patients";
import { testActor, value } from "@/lib/patients/testing";
import { auditCsv, auditCsvColumns, queryAudit, verifyAudit } from "./audit";
import { createUser } from "./users";

/** An administrator in no care team: the trail is theirs to read whoever's patients it names. */
const admin: Actor = { id: "admin-1", name: "Ada Admin", role: "admin", teams: [] };
const oncologist: Actor = { id: "onc-1", name: "Dr Oscar Onc", role: "oncologist", teams: [] };

let n = 0;
/** A prefix of actions no other test uses, so each test reads only its own rows of the shared trail. */
function unique(label: string): string {
  n += 1;
  return `t${n}${Date.now().toString(36)}.${label}`;
}

/** Rows under actions of the test's own (the trail stores any text; the filter is what is tested, not the list of actions). */
async function append(db: Database, actor: AuditActor, entry: Omit<AuditEntryInput, "action"> & { action: string }, origin = { address: "10.0.0.1", userAgent: "vitest" }) {
  await db.prisma.$transaction((tx) => appendAudit(tx, actor, origin, { ...entry, action: entry.action as AuditAction }));
}

async function lastRow(db: Database) {
  return db.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

describeEachDatabase("reading the audit trail", (db) => {
  const ctx = (actor: Actor = admin): ServiceContext => ({ db: db(), actor, origin: { address: "10.9.9.9", userAgent: "vitest" } });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses anyone but an administrator, and records the refusal as denied", async () => {
    for (const [call, action] of [
      [() => queryAudit(ctx(oncologist), {}), "audit.view"],
      [() => auditCsv(ctx(oncologist), {}), "audit.export"],
      [() => verifyAudit(ctx(oncologist)), "audit.verify"],
    ] as const) {
      const result = await call();
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ kind: "forbidden", message: "Only an administrator can do this." });
      expect(await lastRow(db())).toMatchObject({ actorId: oncologist.id, role: "oncologist", action, outcome: "denied" });
    }
  });

  it("filters by action prefix and outcome, newest first, and records the view with its filter", async () => {
    const prefix = unique("events");
    await append(db(), testActor, { action: `${prefix}.read` });
    await append(db(), testActor, { action: `${prefix}.amend`, outcome: "conflict" });
    await append(db(), testActor, { action: `${prefix}x.read` });
    await append(db(), testActor, { action: `other.${prefix}` });

    const page = value(await queryAudit(ctx(), { action: `${prefix}.` }));
    expect(page.rows.map((r) => r.action)).toEqual([`${prefix}.amend`, `${prefix}.read`]);
    expect(page.rows[0].seq).toBeGreaterThan(page.rows[1].seq);
    expect(page.older).toBeUndefined();
    expect(await lastRow(db())).toMatchObject({ actorId: admin.id, action: "audit.view", outcome: "ok", detail: `action=${prefix}.`, address: "10.9.9.9" });

    expect(value(await queryAudit(ctx(), { action: prefix })).rows).toHaveLength(3);
    expect(value(await queryAudit(ctx(), { action: prefix, outcome: "conflict" })).rows.map((r) => r.action)).toEqual([`${prefix}.amend`]);
  });

  it("matches an action's underscore or percent sign literally, not as a wildcard", async () => {
    const prefix = unique("literal");
    await append(db(), testActor, { action: `${prefix}.ab` });
    await append(db(), testActor, { action: `${prefix}.a_b` });
    expect(value(await queryAudit(ctx(), { action: `${prefix}.a_` })).rows.map((r) => r.action)).toEqual([`${prefix}.a_b`]);
    // A % is not an action character at all: refused, not widened to everything.
    const percent = await queryAudit(ctx(), { action: "%" });
    expect(percent.ok).toBe(false);
  });

  it("filters by who acted: user id, part of the name, or part of the email", async () => {
    const prefix = unique("who");
    const email = `${prefix.replace(/\W/g, "")}@ward.example`;
    const userId = value(await createUser(ctx(), { name: "Nadia Quist", email, role: "nurse", password: "violet-canyon-harbour-88" })).id;
    await append(db(), { id: userId, name: "Nadia Quist", role: "nurse" }, { action: `${prefix}.a` });
    await append(db(), { id: "someone-else", name: "Dr Zed Other", role: "oncologist" }, { action: `${prefix}.b` });
    // A failed sign-in names whoever it claimed to be.
    await append(db(), { id: "unknown", name: "QUIST@elsewhere.example", role: "unknown" }, { action: `${prefix}.c`, outcome: "failed" });

    const actions = async (actor: string) => value(await queryAudit(ctx(), { action: prefix, actor })).rows.map((r) => r.action).sort();
    expect(await actions(userId)).toEqual([`${prefix}.a`]);
    expect(await actions("quist")).toEqual([`${prefix}.a`, `${prefix}.c`]);
    expect(await actions("@WARD.example")).toEqual([`${prefix}.a`]);
    expect(await actions("zed")).toEqual([`${prefix}.b`]);
    expect(await actions("nobody-like-this")).toEqual([]);
  });

  it("filters by patient, by id or hospital identifier, and names the patient even outside the admin's teams", async () => {
    const prefix = unique("patient");
    const identifier = `AUD-${prefix}`;
    const patient = value(await createPatient({ db: db(), actor: testActor }, { identifier, familyName: "Trail", givenName: "Tess", sex: "female" }));
    const other = value(await createPatient({ db: db(), actor: testActor }, { identifier: `${identifier}-2`, familyName: "Other", givenName: "Olly", sex: "male" }));
    await append(db(), testActor, { action: `${prefix}.read`, patientId: patient.id, eventIds: ["11111111-1111-4111-8111-111111111111"] });
    await append(db(), testActor, { action: `${prefix}.read`, patientId: other.id });

    for (const filter of [{ patient: identifier }, { patient: patient.id }, { patient: ` ${identifier} ` }]) {
      const page = value(await queryAudit(ctx(), { ...filter, action: prefix }));
      expect(page.patient).toEqual({ id: patient.id, identifier, name: "TRAIL, Tess" });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0]).toMatchObject({ patient: { identifier, name: "TRAIL, Tess" }, eventIds: ["11111111-1111-4111-8111-111111111111"] });
    }
    // The view of a patient's history is itself part of that patient's history.
    expect(await lastRow(db())).toMatchObject({ action: "audit.view", patientId: patient.id });
    // Without a patient filter, rows still carry the patient's identifier and name.
    const all = value(await queryAudit(ctx(), { action: prefix }));
    expect(all.rows.map((r) => r.patient?.identifier).sort()).toEqual([identifier, `${identifier}-2`]);
  });

  it("counts from and to as whole calendar days in UTC, both included", async () => {
    const prefix = unique("days");
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const at of ["2021-03-11T23:59:59.999Z", "2021-03-12T00:00:00.000Z", "2021-03-12T23:59:59.999Z", "2021-03-13T00:00:00.000Z"]) {
      vi.setSystemTime(new Date(at));
      await append(db(), testActor, { action: `${prefix}.at`, detail: at });
    }
    vi.useRealTimers();
    const details = async (filter: object) => value(await queryAudit(ctx(), { action: prefix, ...filter })).rows.map((r) => r.detail);
    expect(await details({ from: "2021-03-12", to: "2021-03-12" })).toEqual(["2021-03-12T23:59:59.999Z", "2021-03-12T00:00:00.000Z"]);
    expect(await details({ from: "2021-03-12" })).toHaveLength(3);
    expect(await details({ to: "2021-03-11" })).toEqual(["2021-03-11T23:59:59.999Z"]);
  });

  it("pages newest first through an 'older' cursor", async () => {
    const prefix = unique("paging");
    for (let i = 1; i <= 25; i++) await append(db(), testActor, { action: `${prefix}.row`, detail: String(i) });
    const first = value(await queryAudit(ctx(), { action: prefix }, 10));
    expect(first.rows.map((r) => r.detail)).toEqual(["25", "24", "23", "22", "21", "20", "19", "18", "17", "16"]);
    expect(first.older).toBe(first.rows[9].seq);
    // The cursor arrives from the query string as text.
    const second = value(await queryAudit(ctx(), { action: prefix, before: String(first.older) }, 10));
    expect(second.rows.map((r) => r.detail)).toEqual(["15", "14", "13", "12", "11", "10", "9", "8", "7", "6"]);
    const third = value(await queryAudit(ctx(), { action: prefix, before: String(second.older) }, 10));
    expect(third.rows.map((r) => r.detail)).toEqual(["5", "4", "3", "2", "1"]);
    expect(third.older).toBeUndefined();
    expect(value(await queryAudit(ctx(), { action: prefix })).rows).toHaveLength(25);
  });

  it("refuses a filter it cannot read with a message per field, returns nothing else, and records the attempt", async () => {
    const result = await queryAudit(ctx(), { outcome: "maybe", from: "12/03/2021", to: "2021-02-30", action: "sign in", before: "x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid");
    if (result.error.kind !== "invalid") return;
    expect(result.error.fieldErrors).toEqual({
      outcome: [expect.stringMatching(/^Choose an outcome from the list/)],
      from: ["Enter the date as YYYY-MM-DD, like 2021-03-12"],
      to: ["Enter the date as YYYY-MM-DD, like 2021-03-12"],
      action: ["An action is letters, digits, dots and hyphens, like sign-in or event."],
      before: ["Older pages are numbered by row"],
    });
    expect(await lastRow(db())).toMatchObject({ action: "audit.view", outcome: "invalid", detail: expect.stringMatching(/^filter not valid: /) });

    const backwards = await queryAudit(ctx(), { from: "2021-03-12", to: "2021-03-01" });
    expect(!backwards.ok && backwards.error.kind === "invalid" && backwards.error.fieldErrors).toEqual({ to: ["The end date is before the start date"] });

    const unknown = await queryAudit(ctx(), { patient: "NO-SUCH-MRN" });
    expect(!unknown.ok && unknown.error.kind === "invalid" && unknown.error.fieldErrors).toEqual({ patient: ["No patient with identifier or id NO-SUCH-MRN"] });
    // Empty fields of a submitted form are no filter at all.
    expect((await queryAudit(ctx(), { patient: "", actor: "", action: "", outcome: "", from: "", to: "", before: "" }, 1)).ok).toBe(true);
  });

  it("exports every matching row, oldest first, as RFC 4180 CSV that reads back cell for cell", async () => {
    const prefix = unique("csv");
    const awkward = 'Said "no", then left\nfor the day';
    await append(db(), { id: "u-csv", name: "Smith, Jo", role: "nurse" }, { action: `${prefix}.one`, detail: awkward }, { address: "10.0.0.2", userAgent: 'Mozilla/5.0 "quoted"' });
    await append(db(), testActor, { action: `${prefix}.two`, detail: "=HYPERLINK(\"x\")", eventIds: ["a", "b"] });
    for (let i = 0; i < 3; i++) await append(db(), testActor, { action: `${prefix}.more` });
    await new AuditSealer(db().prisma).sealNow();

    const csv = value(await auditCsv(ctx(), { action: prefix, before: "1" }));
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...rows] = parsed.lines.map((line) => line.cells);
    expect(header).toEqual(auditCsvColumns);
    expect(rows).toHaveLength(5);
    const cell = (row: string[], column: string) => row[auditCsvColumns.indexOf(column)];
    expect(rows.map((row) => cell(row, "action"))).toEqual([`${prefix}.one`, `${prefix}.two`, `${prefix}.more`, `${prefix}.more`, `${prefix}.more`]);
    expect(Number(cell(rows[0], "seq"))).toBeLessThan(Number(cell(rows[1], "seq")));
    expect(cell(rows[0], "actor")).toBe("Smith, Jo");
    expect(cell(rows[0], "detail")).toBe(awkward);
    expect(cell(rows[0], "user agent")).toBe('Mozilla/5.0 "quoted"');
    expect(cell(rows[0], "at")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(cell(rows[0], "hash")).toMatch(/^[0-9a-f]{64}$/);
    expect(cell(rows[1], "event ids")).toBe("a b");
    // A formula is kept from running when the file is opened in a spreadsheet.
    expect(cell(rows[1], "detail")).toBe("'=HYPERLINK(\"x\")");
    expect(await lastRow(db())).toMatchObject({ action: "audit.export", outcome: "ok", detail: `action=${prefix}; 5 rows` });
  });

  it("says how many of the newest rows still wait for the sealer", async () => {
    await append(db(), testActor, { action: unique("waiting") });
    const check = value(await verifyAudit(ctx()));
    expect(check.problem).toBeNull();
    expect(check.unsealed?.count).toBeGreaterThan(0);
    expect((await lastRow(db())).detail).toMatch(/^\d+ rows checked; intact; \d+ newest not sealed yet$/);
  });

  it("says the chain is intact, and how many rows it checked", async () => {
    await new AuditSealer(db().prisma).sealNow();
    const rows = await db().prisma.auditEntry.count();
    const check = value(await verifyAudit(ctx()));
    expect(check).toEqual({ checked: rows, problem: null, unsealed: null });
    expect(await lastRow(db())).toMatchObject({ action: "audit.verify", outcome: "ok", detail: `${rows} rows checked; intact` });
  });
});
