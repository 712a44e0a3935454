import { describe, expect, it } from "vitest";
import { formatClinicalDate, type TimelineEvent } from "@/lib/events";
import { evaluate, type EvaluateOptions } from "./evaluate";
import { defaultAlertSettings, type AlertSettings } from "./settings";
import {
  adverse,
  antibody,
  baselineScan,
  cancer,
  ck,
  cycle,
  day,
  dmDiagnosis,
  enteredInError,
  medication,
  mmt8,
  muscle,
  progressionCt,
  scan,
  seedCaseBeforeProgression,
  shuffled,
  skin,
  troponin,
} from "./testing";
import type { Alert } from "./types";

/**
 * Rule version 2, scenario by scenario (docs/clinical.md has the same table for clinicians). Day 0 is
 * 6 Jan 2020; every record has a cancer and a dermatomyositis diagnosis unless the scenario says not.
 */
const patient = { id: "p1" };
const now = day(900);
const alertsOf = (events: TimelineEvent[], settings: AlertSettings = defaultAlertSettings, at = now, options: EvaluateOptions = {}) => evaluate(patient, events, settings, at, options);
const reimaging = (alerts: Alert[]) => alerts.filter((alert) => alert.ruleId === "reimaging-after-flare");
const withDm = [cancer(), dmDiagnosis()];
/** Day n as the reasons write it. */
const d = (n: number) => formatClinicalDate(day(n));

describe("the published case (Clin Sarcoma Res 2020): one high-priority alert from the August flare, resolved by the PD CT", () => {
  const seed = { id: "seed" };
  const open = {
    key: "seed:reimaging-after-flare:ct-end",
    patientId: "seed",
    ruleId: "reimaging-after-flare",
    ruleVersion: 2,
    priority: "high",
    priorityReasons: [
      "skin and muscle worsened together",
      "Anti-TIF1γ positive (4 Aug 2020)",
      "70 days after the last anticancer treatment (doxorubicin cycle 6, 25 May 2020)",
    ],
    evidence: ["ck-d210", "mrc-d210", "skin-d210"],
    episodeStart: "2020-08-03",
    domains: ["skin", "muscle"],
    lastImaging: { eventId: "ct-end", date: "2020-06-04", response: "SD", modality: "CT" },
    status: "open",
    reason:
      "Skin grade 3 on 3 Aug 2020, against skin grade 0 on 25 May 2020; CK 695 U/L (3.5×ULN) on 3 Aug 2020 at first assessment; " +
      "MRC 3.5 (weakest proximal group) on 3 Aug 2020 at first assessment. Each value is compared with the patient's best since the CT of 4 Jun 2020, counting the last value before it. " +
      "Findings 60 days after the last answering scan (CT on 4 Jun 2020: stable disease (SD)). " +
      "High priority: skin and muscle worsened together; Anti-TIF1γ positive (4 Aug 2020); 70 days after the last anticancer treatment (doxorubicin cycle 6, 25 May 2020). " +
      "No answering scan since: consider re-staging imaging.",
  };

  it("raises exactly one open, high-priority alert after the flare, before the progression CT exists", () => {
    const alerts = evaluate(seed, seedCaseBeforeProgression(), defaultAlertSettings, day(215));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject(open);
  });

  it("resolves it with PD once the progression CT is recorded, and the falling CKs on prednisolone after it are not evidence", () => {
    const falling = [ck("ck-d240", 240, 420), ck("ck-d270", 270, 260), ck("ck-d320", 320, 150), skin("skin-d240", 240, 2), skin("skin-d300", 300, 1)];
    const alerts = evaluate(seed, [...seedCaseBeforeProgression(), progressionCt(), ...falling], defaultAlertSettings, day(400));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ...open, reason: expect.stringContaining(open.reason.replace(" No answering scan since: consider re-staging imaging.", "")), status: "resolved", resolvedBy: { eventId: "ct-pd", date: "2020-08-18", response: "PD", modality: "CT" } });
    expect(alerts[0].reason).toMatch(/Answered by CT on 18 Aug 2020: progressive disease \(PD\)\.$/);
    expect(alerts[0].evidence).not.toContain("ck-d240");
  });

  it("raises nothing for the mild rash at diagnosis (grade 1)", () => {
    expect(evaluate(seed, seedCaseBeforeProgression(), defaultAlertSettings, day(200))).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5])("gives the same alerts for any input order and recording time (shuffle %i)", (shuffle) => {
    const events = [...seedCaseBeforeProgression(), progressionCt()];
    const recordedAnyOrder = shuffled(events, shuffle).map((event, i) => ({ ...event, recordedAt: new Date(Date.UTC(2025, 0, 1) - i * 86_400_000).toISOString() }));
    expect(evaluate(seed, recordedAnyOrder, defaultAlertSettings, day(300))).toEqual(evaluate(seed, events, defaultAlertSettings, day(300)));
  });

  it("drops the alert when all its evidence is entered in error", () => {
    const mistaken = new Set(["skin-d210", "ck-d210", "mrc-d210"]);
    const events = seedCaseBeforeProgression().map((event) => (mistaken.has(event.id) ? enteredInError(event) : event));
    expect(evaluate(seed, events, defaultAlertSettings, day(215))).toEqual([]);
  });
});

describe("escalation soon after a scan: every finding is judged on its own date", () => {
  // An SD scan on day 100; skin grade 1 just before it; a flare from day 110 that reaches grade 4 with
  // ulceration, CK 16×ULN and dysphagia on day 155.
  const before = [...withDm, scan("ct-sd", 100, "SD"), skin("s95", 95, 1), ck("k95", 95, 100), muscle("m95", 95, { proximalWeaknessMrc: 5, dysphagia: false })];
  const visits = [
    skin("s110", 110, 2),
    ck("k110", 110, 600),
    skin("s130", 130, 3),
    ck("k130", 130, 1600),
    skin("s155", 155, 4, { signs: ["ulceration", "shawl-sign"] }),
    ck("k155", 155, 3200),
    muscle("m155", 155, { proximalWeaknessMrc: 3, dysphagia: true }),
  ];

  it("stays silent while every finding is under 28 days after the scan", () => {
    expect(alertsOf([...before, ...visits], defaultAlertSettings, day(127))).toEqual([]);
  });

  it("alerts at the visit 28 days or more after the scan, with the whole escalation as evidence", () => {
    const [alert] = alertsOf([...before, ...visits]);
    expect(alert).toMatchObject({ key: "p1:reimaging-after-flare:ct-sd", status: "open", priority: "high", episodeStart: day(110) });
    expect(alert.evidence).toEqual(["k110", "s110", "k130", "s130", "k155", "m155", "s155"]);
    expect(alert.reason).toContain(`Skin grade 4 on ${d(155)}, against skin grade 1 on ${d(95)}`);
    expect(alert.reason).toContain(`CK 3200 U/L (16×ULN) on ${d(155)}, against CK 100 U/L (0.5×ULN) on ${d(95)}`);
    expect(alert.reason).toContain(`Findings from 10 to 55 days after the last answering scan (CT on ${d(100)}: stable disease (SD))`);
    expect(alert.reason).toContain(`severe finding: CK 3200 U/L (16×ULN) on ${d(155)}`);
  });

  it("gives the same alert when the course is examined less often (more visits never mean fewer alerts)", () => {
    const sparse = alertsOf([...before, ...visits.filter((event) => event.occurredAt === day(155))]);
    const dense = alertsOf([...before, ...visits]);
    expect(sparse.map((a) => [a.key, a.status, a.priority])).toEqual(dense.map((a) => [a.key, a.status, a.priority]));
  });
});

describe("improvement is never a finding; a rebound after improvement is", () => {
  // A flare on day 200 answered by a CT on day 210; CK then falls on prednisolone.
  const flare = [...withDm, scan("ct-1", 100, "SD"), ck("k150", 150, 100), skin("s150", 150, 0), ck("k200", 200, 1600), skin("s200", 200, 3), scan("ct-2", 210, "SD")];
  const falling = [ck("k230", 230, 1000), ck("k260", 260, 600), ck("k300", 300, 300), skin("s260", 260, 2), skin("s300", 300, 1)];

  it("CK falling from 8× to 1.5×ULN and skin 3 → 1 after the answering scan raise nothing new", () => {
    const alerts = alertsOf([...flare, ...falling]);
    expect(alerts.map((a) => [a.key, a.status])).toEqual([["p1:reimaging-after-flare:ct-1", "resolved"]]);
    expect(alerts[0].reason).not.toMatch(/rose/);
  });

  it("a rebound from the best value since the scan is a finding, compared with that best value, and says the previous value", () => {
    const alerts = alertsOf([...flare, ...falling, ck("k350", 350, 700)]);
    const rebound = alerts.find((a) => a.key === "p1:reimaging-after-flare:ct-2")!;
    expect(rebound).toMatchObject({ status: "open", evidence: ["k350"] });
    expect(rebound.reason).toContain(`CK 700 U/L (3.5×ULN) on ${d(350)}, against CK 300 U/L (1.5×ULN) on ${d(300)}. Each value is compared with the patient's best since the CT of ${d(210)}`);
    expect(rebound.reason).not.toMatch(/down from|rose/);
  });

  it("quotes the previous value as 'down from' when the finding is lower than the value before it", () => {
    // Best since the scan 1×ULN on day 260, then 8×, then 4×: the 4× is still a finding, lower than the 8× before it.
    const events = [...withDm, scan("ct", 200, "SD"), ck("a", 260, 200), ck("b", 300, 1600), ck("c", 330, 800)];
    const [alert] = alertsOf(events);
    expect(alert.evidence).toEqual(["b", "c"]);
    expect(alert.reason).toContain(`CK 1600 U/L (8×ULN) on ${d(300)}, against CK 200 U/L (1×ULN) on ${d(260)}`);
  });
});

describe("re-escalation after a resolving scan is a new alert; the old one keeps its own reason", () => {
  const events = [...withDm, scan("ct-1", 100, "SD"), skin("s90", 90, 0), skin("s150", 150, 3), scan("ct-2", 170, "SD"), skin("s190", 190, 1), skin("s240", 240, 3)];
  it("raises one alert per answering scan", () => {
    const alerts = alertsOf(events);
    expect(alerts.map((a) => [a.key, a.status, a.evidence])).toEqual([
      ["p1:reimaging-after-flare:ct-1", "resolved", ["s150"]],
      ["p1:reimaging-after-flare:ct-2", "open", ["s240"]],
    ]);
    expect(alerts[0].reason).toMatch(new RegExp(`Answered by CT on ${d(170)}`));
    expect(alerts[0].reason).not.toContain(d(240));
  });
});

describe("scans that do not answer leave the alert open and are named on it", () => {
  const open = [...withDm, scan("ct-1", 100, "SD"), skin("s150", 150, 3)];
  it.each<[string, TimelineEvent, RegExp]>([
    ["a CT read as NE", scan("ct-ne", 170, "NE"), new RegExp(`CT on ${d(170)} was not evaluable \\(NE\\): not an answer\\.`)],
    ["a chest X-ray", scan("xr", 170, "SD", "X-ray"), new RegExp(`X-ray on ${d(170)} cannot answer \\(only CT, MRI, PET-CT can\\): not an answer\\.`)],
    ["an ultrasound", scan("us", 170, "PD", "ultrasound"), new RegExp(`ultrasound on ${d(170)} cannot answer`)],
  ])("%s", (_name, follow, wording) => {
    const [alert] = alertsOf([...open, follow]);
    expect(alert.status).toBe("open");
    expect(alert.reason).toMatch(wording);
    expect(alert.reason).toMatch(/consider re-staging imaging\.$/);
  });

  it("an NE scan is no anchor either: a flare 10 days after it still alerts against the scan before", () => {
    const [alert] = alertsOf([...withDm, scan("ct-1", 100, "SD"), scan("ct-ne", 150, "NE"), skin("s160", 160, 3)]);
    expect(alert).toMatchObject({ key: "p1:reimaging-after-flare:ct-1", status: "open" });
  });

  it("a baseline staging study answers (and anchors) though it has no response", () => {
    const alerts = alertsOf([...withDm, skin("s5", 5, 3), baselineScan("ct-base", 10), skin("s50", 50, 0), skin("s90", 90, 3)]);
    expect(alerts.map((a) => [a.key, a.status])).toEqual([
      ["p1:reimaging-after-flare:none", "resolved"],
      ["p1:reimaging-after-flare:ct-base", "open"],
    ]);
  });

  it("a scan on the day of the finding answers it", () => {
    expect(alertsOf([...open, scan("ct-2", 150, "PD")])[0]).toMatchObject({ status: "resolved", resolvedBy: { eventId: "ct-2" } });
  });

  it("with no answering scan ever, it says so and suggests staging", () => {
    const [alert] = alertsOf([...withDm, skin("s", 160, 3)]);
    expect(alert.key).toBe("p1:reimaging-after-flare:none");
    expect(alert.reason).toMatch(/No answering scan is on record before the findings\. .*Consider staging imaging\.$/);
  });
});

describe("weakness that worsens", () => {
  const base = [...withDm, scan("ct", 100, "SD")];
  it("MRC 4 → 2 with new dysphagia alerts (and is severe)", () => {
    const [alert] = reimaging(alertsOf([...base, muscle("m1", 90, { proximalWeaknessMrc: 4, dysphagia: false }), muscle("m2", 160, { proximalWeaknessMrc: 2, dysphagia: true })])).filter((a) => a.status === "open");
    expect(alert.evidence).toEqual(["m2"]);
    expect(alert.reason).toContain(`MRC 2 (weakest proximal group) on ${d(160)}, against MRC 4 (weakest proximal group) on ${d(90)}`);
    expect(alert.reason).toContain(`dysphagia on ${d(160)}, against no dysphagia on ${d(90)}`);
    expect(alert.priorityReasons[0]).toMatch(/^severe finding: MRC 2/);
  });

  it("MMT-8 falling 28% over three months in steps under 20% alerts at the step that passes 20%", () => {
    const [alert] = alertsOf([...base, mmt8("a", 110, 80), mmt8("b", 140, 72), mmt8("c", 170, 66), mmt8("d", 200, 58)]);
    expect(alert.evidence).toEqual(["d"]);
    expect(alert.reason).toContain(`MMT-8 58/80 on ${d(200)}, against MMT-8 80/80 on ${d(110)}`);
    expect(alert.reason).toContain(`down from MMT-8 66/80 on ${d(170)}`);
  });

  it("MMT-8 on different scales never compare", () => {
    expect(alertsOf([...base, mmt8("a", 110, 140, 150), mmt8("b", 160, 60, 80)])).toEqual([]);
  });

  it("new respiratory involvement alerts; persisting dysphagia does not alert again", () => {
    expect(alertsOf([...base, muscle("m1", 110, { respiratoryInvolvement: false }), muscle("m2", 160, { respiratoryInvolvement: true })])[0].evidence).toEqual(["m2"]);
    // Dysphagia already present before the scan (its own, resolved alert) is not new after it.
    expect(alertsOf([...base, muscle("m1", 90, { dysphagia: true }), muscle("m2", 160, { dysphagia: true })]).map((a) => [a.key, a.status])).toEqual([["p1:reimaging-after-flare:none", "resolved"]]);
  });
});

describe("dermatomyositis must be on record; CK has other causes", () => {
  const statinCourse = [
    cancer(),
    scan("ct", 100, "SD"),
    medication("atorva", 120, "atorvastatin", 40),
    ck("k110", 110, 120),
    ck("k160", 160, 800),
    muscle("m160", 160, { proximalWeaknessMrc: 5, dysphagia: false }),
    skin("s160", 160, 0),
  ];
  it("a CK rise on a statin with a normal examination and no DM raises nothing", () => {
    expect(alertsOf(statinCourse)).toEqual([]);
  });

  it("a skin grade 3 without DM-specific signs and no DM diagnosis raises nothing", () => {
    expect(alertsOf([cancer(), scan("ct", 100, "SD"), skin("s", 160, 3, { signs: ["photodistributed"] })])).toEqual([]);
  });

  it("DM-specific signs on any skin assessment establish DM without a diagnosis, for earlier findings too", () => {
    expect(alertsOf([cancer(), scan("ct", 100, "SD"), skin("s", 160, 3, { signs: ["gottron-papules"] })])).toHaveLength(1);
    expect(alertsOf([cancer(), scan("ct", 100, "SD"), skin("s", 160, 3), skin("later", 170, 3, { signs: ["heliotrope"] })]).map((a) => a.evidence)).toEqual([["s", "later"]]);
  });

  it("with DM, the same CK rise alerts and the reason names the statin and the normal examination, without a verdict", () => {
    const [alert] = alertsOf([...statinCourse, dmDiagnosis()]);
    expect(alert.evidence).toEqual(["k160"]);
    expect(alert.reason).toContain(`Atorvastatin started on ${d(120)} (statins can raise CK); muscle examination normal on ${d(160)}, the day of the CK (MRC 5).`);
  });

  it("names a steroid reduction in the 30 days before the first finding", () => {
    const events = [...withDm, scan("ct", 100, "SD"), medication("p1", 60, "prednisolone", 20), medication("p2", 140, "prednisolone", 10), skin("s", 160, 3)];
    expect(alertsOf(events)[0].reason).toContain(`Prednisolone reduced from 20 to 10 mg/day on ${d(140)} (a taper flare is possible).`);
    const older = [...withDm, scan("ct", 100, "SD"), medication("p1", 60, "prednisolone", 20), medication("p2", 120, "prednisolone", 10), skin("s", 160, 3)];
    expect(alertsOf(older)[0].reason).not.toContain("taper");
  });
});

describe("immune-related myositis on a checkpoint inhibitor: urgent, its own rule, not a re-staging alert", () => {
  const ici = [cancer(), scan("ct", 100, "SD"), cycle("pembro-1", 110, 1, "pembrolizumab"), cycle("pembro-2", 131, 2, "pembrolizumab"), ck("k100", 100, 150)];
  const myositis = [ck("k150", 150, 4800), muscle("m150", 150, { proximalWeaknessMrc: 3, dysphagia: true }), troponin("tnt", 151, 48)];

  it("CK 24×ULN, MRC 3 and dysphagia 19 days after pembrolizumab raise the immune-related myositis alert only", () => {
    const alerts = alertsOf([...ici, ...myositis]);
    expect(alerts.map((a) => [a.ruleId, a.priority, a.status])).toEqual([["immune-related-myositis", "high", "open"]]);
    expect(alerts[0].reason).toMatch(/^Possible immune-related myositis: CK 4800 U\/L \(24×ULN\) on 4 Jun 2020; MRC 3 .*19 days after pembrolizumab on 16 May 2020\. Troponin T 48 ng\/L on 5 Jun 2020 \(upper limit 14 ng\/L\)\. Urgent: check troponin and ECG; consider holding the checkpoint inhibitor\.$/);
  });

  it("also with dermatomyositis: muscle findings go to the immune rule, skin findings still to re-imaging", () => {
    const alerts = alertsOf([...ici, ...myositis, dmDiagnosis(), skin("s90", 90, 0), skin("s150", 150, 3)]);
    expect(alerts.map((a) => [a.ruleId, a.evidence])).toEqual([
      ["immune-related-myositis", ["k150", "m150"]],
      ["reimaging-after-flare", ["s150"]],
    ]);
  });

  it("a recorded myositis adverse event routes muscle findings to the immune rule", () => {
    const alerts = alertsOf([cancer(), scan("ct", 100, "SD"), adverse("ae", 160, "Myositis", 3), ck("k", 150, 3000)]);
    expect(alerts.map((a) => a.ruleId)).toEqual(["immune-related-myositis"]);
    expect(alerts[0].reason).toContain(`Myositis recorded as an adverse event on ${d(160)} (CTCAE grade 3)`);
  });

  it("more than 180 days after the last dose it is no longer routed there", () => {
    const alerts = alertsOf([...withDm, scan("ct", 100, "SD"), cycle("pembro", 110, 1, "pembrolizumab"), ck("k1", 120, 150), scan("ct-2", 200, "SD"), ck("k2", 300, 3000)]);
    expect(alerts.map((a) => a.ruleId)).toEqual(["reimaging-after-flare"]);
  });
});

describe("CK without a printed range uses the assumed usual range, and says so", () => {
  it("CK 5000 and 7000 U/L with no upper limit printed alert", () => {
    const [alert] = alertsOf([...withDm, scan("ct", 100, "SD"), ck("k1", 130, 5000, null), ck("k2", 160, 7000, null)]);
    expect(alert.evidence).toEqual(["k1", "k2"]);
    expect(alert.reason).toContain(`CK 7000 U/L (35×ULN of an assumed 25–200 U/L range) on ${d(160)}, abnormal on its own`);
  });
  it("a result printed as '< x' is never a finding", () => {
    const lessThan = { ...ck("k", 160, 800), payload: { ...ck("k", 160, 800).payload, comparator: "<" as const } };
    expect(alertsOf([...withDm, scan("ct", 100, "SD"), lessThan])).toEqual([]);
  });
});

describe("wording: first assessments and falls are stated as what they are", () => {
  it("a value with no earlier value says 'at first assessment', never 'from 0'", () => {
    const [alert] = alertsOf([...withDm, scan("ct", 100, "SD"), skin("s", 160, 2), ck("k", 160, 500)]);
    expect(alert.reason).toContain(`Skin grade 2 on ${d(160)} at first assessment; CK 500 U/L (2.5×ULN) on ${d(160)} at first assessment.`);
    expect(alert.reason).not.toMatch(/from 0|rose/);
  });
  it("an earlier value outside the look-back says there was nothing at the scan to compare with, not 'first assessment'", () => {
    const [alert] = alertsOf([...withDm, skin("old", 10, 0), scan("ct", 300, "SD"), skin("s", 360, 3)]);
    expect(alert.reason).toContain(`Skin grade 3 on ${d(360)}, abnormal on its own (no value on or in the 180 days before the CT of ${d(300)} to compare with)`);
  });

  it("with no value at the scan, an abnormal value counts on its own even after a worse one (an extra visit never hides it), quoting the value before it", () => {
    const [alert] = alertsOf([...withDm, scan("ct", 100, "SD"), ck("k1", 110, 1600), ck("k2", 140, 600)]);
    expect(alert.evidence).toEqual(["k1", "k2"]);
    expect(alert.findings.find((f) => f.eventId === "k2")).toMatchObject({ basis: "on-its-own", previous: { eventId: "k1", value: 8 } });
  });
  it("a mild grade alone at first assessment is not a finding (grade 1)", () => {
    expect(alertsOf([...withDm, scan("ct", 100, "SD"), skin("s", 160, 1)])).toEqual([]);
  });
});

describe("priority: high when two or more factors hold, each named", () => {
  const base = [...withDm, scan("ct", 100, "SD"), skin("s90", 90, 0), skin("s160", 160, 2)];
  it.each<[string, TimelineEvent[], "high" | "normal", number]>([
    ["a moderate skin finding alone", base, "normal", 0],
    ["anti-TIF1γ positive alone (one factor)", [...base, antibody("ab", 10, "tif1-gamma", "positive")], "normal", 1],
    ["anti-TIF1γ positive and 28 days off treatment", [...base, antibody("ab", 10, "tif1-gamma", "positive"), cycle("c", 132, 1)], "high", 2],
    ["skin and muscle together and a severe CK (≥ 10×ULN)", [...base, ck("k90", 90, 100), ck("k160", 160, 2400)], "high", 2],
    ["anti-Mi-2 positive is not high-risk", [...base, antibody("ab", 10, "mi-2", "positive")], "normal", 0],
    ["TIF1γ positive then negative on retesting", [...base, antibody("a1", 10, "tif1-gamma", "positive"), antibody("a2", 150, "tif1-gamma", "negative")], "normal", 0],
    ["ulceration on the skin is severe", [...base, antibody("ab", 10, "nxp2", "positive"), skin("u", 161, 2, { signs: ["ulceration"] })], "high", 2],
    ["the last cycle 27 days before is not off treatment", [...base, antibody("ab", 10, "tif1-gamma", "positive"), cycle("c", 133, 1)], "normal", 1],
  ])("%s → %s", (_name, events, priority, factors) => {
    const [alert] = reimaging(alertsOf(events));
    expect(alert.priority).toBe(priority);
    expect(alert.priorityReasons).toHaveLength(factors);
    if (factors === 1) expect(alert.reason).toMatch(/Priority factor: .* \(2 make an alert high priority\)\./);
  });
});

describe("a dismissed alert stays dismissed; a further worsening beyond its values raises the next", () => {
  const events = [...withDm, scan("ct", 100, "SD"), skin("s90", 90, 0), skin("s150", 150, 2)];
  const dismissed = { dismissed: [{ key: "p1:reimaging-after-flare:ct", ruleId: "reimaging-after-flare", evidence: ["s150"] }] };
  it("the same grade again raises nothing new", () => {
    expect(alertsOf([...events, skin("s180", 180, 2)], defaultAlertSettings, now, dismissed).map((a) => a.key)).toEqual(["p1:reimaging-after-flare:ct"]);
  });
  it("a grade above the values at dismissal raises a second alert, saying so", () => {
    const alerts = alertsOf([...events, skin("s180", 180, 3)], defaultAlertSettings, now, dismissed);
    expect(alerts.map((a) => [a.key, a.evidence])).toEqual([
      ["p1:reimaging-after-flare:ct", ["s150", "s180"]],
      ["p1:reimaging-after-flare:ct~2", ["s180"]],
    ]);
    expect(alerts[1].reason).toMatch(/^Further worsening after the previous alert was dismissed: skin grade 3/);
  });
});

describe("settings change the thresholds", () => {
  const base = [...withDm, scan("ct", 100, "SD")];
  it.each<[string, TimelineEvent[], Partial<AlertSettings>, number]>([
    ["a grade-2 finding alerts by default", [...base, skin("s", 160, 2)], {}, 1],
    ["raising the skin grade threshold to 3 suppresses it", [...base, skin("s", 160, 2)], { skinGradeMin: 3 }, 0],
    ["a 14-day gap lets a finding 14 days after the scan alert", [...base, skin("s", 114, 2)], { imagingGapDays: 14 }, 1],
    ["requiring CK to treble ignores 0.5 → 1.2×ULN", [...base, ck("k1", 140, 100), ck("k2", 160, 240)], { ckRiseFactor: 3 }, 0],
    ["an X-ray does not close the alert by default", [...base, skin("s", 160, 3), scan("xr", 170, "SD", "X-ray")], {}, 1],
    ["X-ray made an answering modality closes it", [...base, skin("s", 160, 3), scan("xr", 170, "SD", "X-ray")], { answeringModalities: ["CT", "X-ray"] }, 0],
  ])("%s", (_name, events, change, count) => {
    expect(alertsOf(events, { ...defaultAlertSettings, ...change }).filter((a) => a.status === "open")).toHaveLength(count);
  });
});
