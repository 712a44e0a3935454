import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, formatClinicalDate, type ClinicalDate, type PayloadOf } from "@/lib/events";
import type { ServiceContext } from "./context";
import { acknowledgeAlert, clinicToday, createPatient, getScreeningPlan, listAlerts, recordEvent, updatePatient } from "./index";
import { testActor, value } from "./testing";

/**
 * Cancer screening through the services (docs/screening.md): the plan at read time against the
 * clinic's today, screening alerts raised and resolved by writes, and moved from due to overdue by a
 * read on a later day with no write in between.
 */
let n = 0;
const ago = (days: number): ClinicalDate => addDays(clinicToday(), -days);

async function dmPatient(ctx: ServiceContext, dmDaysAgo: number, birthDate = `${Number(clinicToday().slice(0, 4)) - 59}-01-15`) {
  n += 1;
  const patient = value(await createPatient(ctx, { identifier: `SCREEN-${n}-${Date.now()}`, familyName: "Screening", givenName: "Test", sex: "female", birthDate }));
  const record = (occurredAt: ClinicalDate, kind: string, payload: unknown) => recordEvent(ctx, patient.id, { kind, occurredAt, payload } as never).then(value);
  await record(ago(dmDaysAgo), "diagnosis", { role: "dermatomyositis", name: "Dermatomyositis" } satisfies PayloadOf<"diagnosis">);
  await record(ago(dmDaysAgo), "antibody_result", { antibody: "tif1-gamma", result: "positive" } satisfies PayloadOf<"antibody_result">);
  await record(ago(dmDaysAgo), "muscle_assessment", { dysphagia: true, proximalWeaknessMrc: 4 } satisfies PayloadOf<"muscle_assessment">);
  return { patient, record };
}

afterEach(() => {
  vi.useRealTimers();
});

describeEachDatabase("cancer screening through the services", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("a new TIF1γ+ DM patient at 58 with dysphagia: high risk, a screening-due alert, the plan with its items due", async () => {
    const { patient } = await dmPatient(ctx(), 5);
    const alerts = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ruleId: "screening-due", status: "open", priority: "high", episodeStart: ago(5) });
    expect(alerts[0].reason).toMatch(/^High risk: anti-TIF1γ positive \(.+\), onset at (58|59), dysphagia \(.+\)\. Basic and enhanced screening \(.*CT thorax\/abdomen\/pelvis, tumour markers\) due at diagnosis \(.+\): none recorded\./);
    // The inbox shows it too.
    expect(value(await listAlerts(ctx())).some((a) => a.id === alerts[0].id)).toBe(true);
    const { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.state).toBe("active");
    expect(plan.risk?.category).toBe("high");
    expect(plan.rounds[0].items.find((i) => i.id === "ct-tap")?.status).toBe("due");
  });

  it("recording the CT TAP marks it done; recording the rest resolves the alert", async () => {
    const { patient, record } = await dmPatient(ctx(), 5);
    await record(ago(1), "imaging", { modality: "CT", region: "thorax-abdomen-pelvis", findings: "No evidence of malignancy" });
    let { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.rounds[0].items.find((i) => i.id === "ct-tap")).toMatchObject({ status: "done", doneOn: ago(1) });
    expect(plan.rounds[1].items.find((i) => i.id === "ct-tap")?.status).toBe("not-yet-due");
    // A CT covering the chest also stands for the chest radiograph.
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))[0].reason).toContain(
      `recorded chest radiograph (${formatClinicalDate(ago(1))}), CT thorax/abdomen/pelvis (${formatClinicalDate(ago(1))}); not recorded: history and examination, blood tests, national screening, tumour markers.`,
    );
    await record(ago(1), "lab_result", { analyte: "ca-125", value: 14, unit: "U/mL", referenceRange: { high: 35 } });
    await record(ago(1), "lab_result", { analyte: "wbc", value: 6.1, unit: "10*9/L" });
    await record(ago(1), "lab_result", { analyte: "crp", value: 4, unit: "mg/L" });
    await record(ago(1), "imaging", { modality: "X-ray", region: "chest" });
    await record(ago(1), "procedure", { name: "Breast and lymph-node examination", screening: "history-examination" });
    await record(ago(1), "procedure", { name: "Cervical smear", screening: "cervical-screening" });
    ({ plan } = value(await getScreeningPlan(ctx(), patient.id)));
    expect(plan.rounds[0].items.filter((i) => i.required).map((i) => i.status)).toEqual(["done", "done", "done", "done", "done", "done"]);
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))).toEqual([]);
    expect(value(await listAlerts(ctx(), { patientId: patient.id, status: "resolved" }))).toMatchObject([{ ruleId: "screening-due", status: "resolved" }]);
  });

  it("days passing without any write: the next read shows screening overdue, keeping the acknowledgement", async () => {
    const { patient } = await dmPatient(ctx(), 5);
    const [due] = value(await listAlerts(ctx(), { patientId: patient.id }));
    value(await acknowledgeAlert(ctx(), due.id, { note: "CT booked" }));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 40 * 86_400_000));
    const [overdue] = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(overdue).toMatchObject({ ruleId: "screening-overdue", status: "acknowledged", acknowledgementNote: "CT booked" });
    expect(overdue.reason).toMatch(/Overdue since /);
    const { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.rounds[0].items.find((i) => i.id === "ct-tap")?.status).toBe("overdue");
  });

  it("a cancer diagnosis closes the plan and resolves the screening alert (the re-imaging rule follows)", async () => {
    const { patient, record } = await dmPatient(ctx(), 5);
    await record(ago(0), "diagnosis", { role: "cancer", name: "Ovarian carcinoma" });
    const { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.state).toBe("closed");
    // Handed over: the re-imaging rule now reads the dysphagia against no scan at all.
    expect(value(await listAlerts(ctx(), { patientId: patient.id })).map((a) => a.ruleId)).toEqual(["reimaging-after-flare"]);
    const [resolved] = value(await listAlerts(ctx(), { patientId: patient.id, status: "resolved" }));
    expect(resolved.reason).toContain("Closed: a cancer (Ovarian carcinoma) was diagnosed on");
  });

  it("a standard-risk patient (onset at 30, anti-Jo-1) has the basic panel and a normal-priority alert", async () => {
    n += 1;
    const patient = value(await createPatient(ctx(), { identifier: `SCREEN-STD-${n}-${Date.now()}`, familyName: "Screening", givenName: "Std", sex: "male", birthDate: `${Number(clinicToday().slice(0, 4)) - 31}-01-15` }));
    value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: ago(3), payload: { role: "dermatomyositis", name: "Dermatomyositis" } } as never));
    value(await recordEvent(ctx(), patient.id, { kind: "antibody_result", occurredAt: ago(3), payload: { antibody: "jo-1", result: "positive" } } as never));
    const { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.risk?.category).toBe("standard");
    expect(plan.rounds[0].panels).toEqual(["basic"]);
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))).toMatchObject([{ ruleId: "screening-due", priority: "normal" }]);
  });

  it("a corrected birth date re-plans screening and its alert at once (onset at 30, then at 59)", async () => {
    n += 1;
    const patient = value(await createPatient(ctx(), { identifier: `SCREEN-AGE-${n}-${Date.now()}`, familyName: "Screening", givenName: "Age", sex: "male", birthDate: `${Number(clinicToday().slice(0, 4)) - 31}-01-15` }));
    value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: ago(3), payload: { role: "dermatomyositis", name: "Dermatomyositis" } } as never));
    value(await recordEvent(ctx(), patient.id, { kind: "antibody_result", occurredAt: ago(3), payload: { antibody: "jo-1", result: "positive" } } as never));
    expect(value(await getScreeningPlan(ctx(), patient.id)).plan.risk?.reasons.map((r) => r.factor)).not.toContain("age");
    const older = `${Number(clinicToday().slice(0, 4)) - 60}-01-15`;
    value(await updatePatient(ctx(), patient.id, { identifier: patient.identifier, familyName: "Screening", givenName: "Age", sex: "male", birthDate: older }));
    const { plan } = value(await getScreeningPlan(ctx(), patient.id));
    expect(plan.risk?.reasons.map((r) => r.factor)).toContain("age");
    const [alert] = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(alert.reason).toMatch(/onset at (58|59|60)/);
  });

  it("the plan a read shows is the plan the record gives today, however its stored copy was left", async () => {
    const { patient, record } = await dmPatient(ctx(), 5);
    await record(ago(1), "imaging", { modality: "CT", region: "thorax-abdomen-pelvis", findings: "No evidence of malignancy" });
    const first = value(await getScreeningPlan(ctx(), patient.id)).plan;
    expect(first.rounds[0].items.find((i) => i.id === "ct-tap")).toMatchObject({ status: "done", doneOn: ago(1) });
    // A stored copy that does not parse (an older format, a hand edit) is evaluated again, never shown.
    await db().sql.query(`UPDATE "ScreeningCheck" SET plan = '{"state": "active", "rounds": "?"}'::jsonb WHERE "patientId" = $1::uuid`, [patient.id]);
    expect(value(await getScreeningPlan(ctx(), patient.id)).plan).toEqual(first);
    // Nor is one evaluated under other settings.
    await db().sql.query(`UPDATE "ScreeningCheck" SET plan = jsonb_set(plan, '{state}', '"completed"'), "settingsVersion" = -1 WHERE "patientId" = $1::uuid`, [patient.id]);
    expect(value(await getScreeningPlan(ctx(), patient.id)).plan).toEqual(first);
  });
});
