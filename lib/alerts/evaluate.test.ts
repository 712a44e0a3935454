import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/events";
import { evaluate } from "./evaluate";
import { defaultAlertSettings, type AlertSettings } from "./settings";
import {
  antibody,
  cancer,
  ck,
  cycle,
  day,
  enteredInError,
  progressionCt,
  scan,
  seedCaseBeforeProgression,
  shuffled,
  skin,
} from "./testing";
import type { Alert } from "./types";

const patient = { id: "p1" };
const now = day(400);
const alertsOf = (events: TimelineEvent[], settings: AlertSettings = defaultAlertSettings, at = now) => evaluate(patient, events, settings, at);

describe("the seed case (Clin Sarcoma Res 2020)", () => {
  const seed = { id: "seed" };
  const open: Alert = {
    key: "seed:reimaging-after-flare:ck-d210",
    patientId: "seed",
    ruleId: "reimaging-after-flare",
    ruleVersion: 1,
    priority: "high",
    priorityReasons: [
      "Skin and muscle flared together",
      "Anti-TIF1γ positive (4 Aug 2020)",
      "70 days after the last anticancer treatment (doxorubicin cycle 6, 25 May 2020)",
    ],
    evidence: ["ck-d210", "mrc-d210", "skin-d210"],
    episodeStart: "2020-08-03",
    domains: ["skin", "muscle"],
    lastImaging: { eventId: "ct-end", date: "2020-06-04", response: "SD" },
    status: "open",
    reason:
      "Skin grade rose from 0 to 3, CK reached 3.5×ULN and proximal weakness appeared (MRC 3.5), 60 days after the last imaging (SD on 4 Jun 2020). No imaging since. Consider re-staging imaging.",
  };

  it("raises exactly one open, high-priority alert after the flare, before the progression CT exists", () => {
    expect(evaluate(seed, seedCaseBeforeProgression(), defaultAlertSettings, day(215))).toEqual([open]);
  });

  it("resolves it with PD once the progression CT is recorded", () => {
    expect(evaluate(seed, [...seedCaseBeforeProgression(), progressionCt()], defaultAlertSettings, day(226))).toEqual([
      {
        ...open,
        status: "resolved",
        resolvedBy: { eventId: "ct-pd", date: "2020-08-18", response: "PD" },
        reason:
          "Skin grade rose from 0 to 3, CK reached 3.5×ULN and proximal weakness appeared (MRC 3.5), 60 days after the last imaging (SD on 4 Jun 2020). Imaging on 18 Aug 2020 showed progressive disease (PD).",
      },
    ]);
  });

  it("ignores a CT dated after now", () => {
    expect(evaluate(seed, [...seedCaseBeforeProgression(), progressionCt()], defaultAlertSettings, day(224))).toEqual([open]);
  });

  it("raises nothing for the mild rash at diagnosis (grade 1, two weeks after the staging CT)", () => {
    expect(evaluate(seed, seedCaseBeforeProgression(), defaultAlertSettings, day(200))).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5])("gives the same alerts for any input order (shuffle %i)", (shuffle) => {
    const events = [...seedCaseBeforeProgression(), progressionCt()];
    const recordedAnyOrder = shuffled(events, shuffle).map((event, i) => ({ ...event, recordedAt: new Date(Date.UTC(2025, 0, 1) - i * 86_400_000).toISOString() }));
    expect(evaluate(seed, recordedAnyOrder, defaultAlertSettings, day(300))).toEqual(evaluate(seed, events, defaultAlertSettings, day(300)));
  });

  it("drops the alert when all its evidence is entered in error", () => {
    const mistaken = new Set(["skin-d210", "ck-d210", "mrc-d210"]);
    const events = seedCaseBeforeProgression().map((event) => (mistaken.has(event.id) ? enteredInError(event) : event));
    expect(evaluate(seed, events, defaultAlertSettings, day(215))).toEqual([]);
  });

  it("re-keys the alert when its first evidence is entered in error", () => {
    const events = seedCaseBeforeProgression().map((event) => (event.id === "ck-d210" ? enteredInError(event) : event));
    const [alert] = evaluate(seed, events, defaultAlertSettings, day(215));
    expect([alert.key, alert.evidence, alert.priority]).toEqual(["seed:reimaging-after-flare:mrc-d210", ["mrc-d210", "skin-d210"], "high"]);
    expect(alert.reason).toMatch(/^Skin grade rose from 0 to 3 and proximal weakness appeared \(MRC 3\.5\), 60 days/);
  });
});

describe("re-imaging alert: a flare in a patient with cancer, no tumour imaging in the 28 days before, none since", () => {
  const base = [cancer(), scan("ct-sd", 100, "SD")];
  it.each<[string, TimelineEvent[], Partial<Alert>[]]>([
    ["a flare 60 days after imaging", [...base, skin("flare", 160, 2)], [{ status: "open", lastImaging: { eventId: "ct-sd", date: day(100), response: "SD" } }]],
    ["a flare 14 days after imaging", [...base, skin("flare", 114, 2)], []],
    ["a flare 27 days after imaging", [...base, skin("flare", 127, 2)], []],
    ["a flare 28 days after imaging", [...base, skin("flare", 128, 2)], [{ status: "open" }]],
    ["a flare with CDASI up only 3 points", [...base, skin("s1", 110, 1, { cdasiActivity: 15 }), skin("s2", 160, 1, { cdasiActivity: 18 })], []],
    ["CK rising from 0.5 to 1.2×ULN", [...base, ck("k1", 140, 100), ck("k2", 160, 240)], [{ evidence: ["k2"], domains: ["muscle"] }]],
    ["a flare with no tumour imaging ever", [cancer(), skin("flare", 160, 2)], [{ status: "open", reason: "Skin grade rose from 0 to 2, with no tumour imaging on record before it. Consider staging imaging." }]],
    ["a muscle MRI without RECIST response is not tumour imaging", [...base, scan("mri", 155, undefined, "MRI"), skin("flare", 160, 2)], [{ status: "open" }]],
    ["a baseline CT without response is not tumour imaging either", [...base, scan("ct-baseline", 155), skin("flare", 160, 2)], [{ status: "open" }]],
    ["no cancer diagnosis on record", [scan("ct-sd", 100, "SD"), skin("flare", 160, 2)], []],
    ["a cancer diagnosis entered in error", [enteredInError(cancer()), scan("ct-sd", 100, "SD"), skin("flare", 160, 2)], []],
    ["a cancer diagnosed after the flare still counts (DM often comes first)", [cancer("dx", 200), scan("ct-sd", 100, "SD"), skin("flare", 160, 2)], [{ status: "open" }]],
    [
      "tumour imaging after the flare resolves it with its response",
      [...base, skin("flare", 160, 2), scan("ct-next", 170, "PR"), scan("ct-later", 250, "PD")],
      [{ status: "resolved", resolvedBy: { eventId: "ct-next", date: day(170), response: "PR" } }],
    ],
    ["imaging on the day of the flare resolves it", [...base, skin("flare", 160, 2), scan("ct-same-day", 160, "SD")], [{ status: "resolved" }]],
    ["a flare dated after now", [...base, skin("flare", 401, 2)], []],
  ])("%s", (_rule, events, expected) => {
    const alerts = alertsOf(events);
    expect(alerts).toHaveLength(expected.length);
    alerts.forEach((alert, i) => expect(alert).toMatchObject(expected[i]));
  });
});

describe("episodes: flare evidence less than 30 days apart is one episode and one alert", () => {
  const base = [cancer(), scan("ct-sd", 100, "SD")];
  it.each<[string, TimelineEvent[], string[][]]>([
    ["skin then CK 10 days later", [...base, skin("s", 160, 2), ck("k", 170, 500)], [["s", "k"]]],
    ["evidence 29 days apart", [...base, skin("s1", 160, 2), skin("s2", 189, 3)], [["s1", "s2"]]],
    ["a second flare 30 days after the first opens a second alert", [...base, skin("s1", 160, 2), skin("s2", 190, 3)], [["s1"], ["s2"]]],
    ["a flare assessed every 3 weeks stays one episode", [...base, skin("s1", 160, 2), skin("s2", 181, 3), skin("s3", 202, 3), skin("s4", 223, 4)], [["s1", "s2", "s3", "s4"]]],
  ])("%s", (_rule, events, expected) => {
    const alerts = alertsOf(events);
    expect(alerts.map((alert) => alert.evidence)).toEqual(expected);
    expect(new Set(alerts.map((alert) => alert.key)).size).toBe(alerts.length);
  });

  it("keys each alert by patient, rule and first evidence", () => {
    expect(alertsOf([...base, skin("s1", 160, 2), skin("s2", 190, 3)]).map((alert) => alert.key)).toEqual(["p1:reimaging-after-flare:s1", "p1:reimaging-after-flare:s2"]);
  });
});

describe("priority: high with skin and muscle together, a TIF1γ or NXP2 antibody, or ≥ 28 days off anticancer treatment", () => {
  const base = [cancer(), scan("ct-sd", 100, "SD"), skin("flare", 160, 2)];
  it.each<[string, TimelineEvent[], "high" | "normal"]>([
    ["a skin flare alone", base, "normal"],
    ["skin and CK in the same episode", [...base, ck("k", 170, 500)], "high"],
    ["anti-TIF1γ positive", [...base, antibody("ab", 10, "tif1-gamma", "positive")], "high"],
    ["anti-NXP2 positive, found after the flare", [...base, antibody("ab", 300, "nxp2", "positive")], "high"],
    ["anti-Mi-2 positive", [...base, antibody("ab", 10, "mi-2", "positive")], "normal"],
    ["anti-TIF1γ negative", [...base, antibody("ab", 10, "tif1-gamma", "negative")], "normal"],
    ["anti-TIF1γ positive, then negative on retesting", [...base, antibody("ab1", 10, "tif1-gamma", "positive"), antibody("ab2", 150, "tif1-gamma", "negative")], "normal"],
    ["the last cycle 27 days before", [...base, cycle("c1", 112, 1), cycle("c2", 133, 2)], "normal"],
    ["the last cycle 28 days before", [...base, cycle("c1", 111, 1), cycle("c2", 132, 2)], "high"],
    ["a cycle on the day of the flare", [...base, cycle("c1", 160, 1)], "normal"],
    ["treatment only after the flare", [...base, cycle("c1", 170, 1)], "normal"],
    ["a cycle whose last day was 10 days before the flare", [...base, { ...cycle("c1", 100, 1), endedAt: day(150) }], "normal"],
  ])("%s → %s", (_rule, events, priority) => {
    const [alert] = alertsOf(events);
    expect(alert.priority).toBe(priority);
    expect(alert.priorityReasons.length > 0).toBe(priority === "high");
  });
});

describe("settings change the thresholds", () => {
  const base = [cancer(), scan("ct-sd", 100, "SD")];
  it.each<[string, TimelineEvent[], Partial<AlertSettings>, number]>([
    ["a grade-2 flare alerts by default", [...base, skin("s", 160, 2)], {}, 1],
    ["raising the skin grade threshold to 3 suppresses a grade-2 alert", [...base, skin("s", 160, 2)], { skinGradeMin: 3 }, 0],
    ["… but not a grade-3 one", [...base, skin("s", 160, 3)], { skinGradeMin: 3 }, 1],
    ["a 14-day imaging gap lets a flare 14 days after imaging alert", [...base, skin("s", 114, 2)], { imagingGapDays: 14 }, 1],
    ["a 60-day episode gap merges flares 30 days apart", [...base, skin("s1", 160, 2), skin("s2", 190, 3)], { episodeGapDays: 60 }, 1],
    ["requiring CK to treble ignores 0.5 → 1.2×ULN", [...base, ck("k1", 140, 100), ck("k2", 160, 240)], { ckRiseFactor: 3 }, 0],
    ["a CDASI rise of 3 is enough when set so", [...base, skin("s1", 110, 1, { cdasiActivity: 15 }), skin("s2", 160, 1, { cdasiActivity: 18 })], { cdasiActivityRise: 3 }, 1],
  ])("%s", (_rule, events, change, count) => {
    expect(alertsOf(events, { ...defaultAlertSettings, ...change })).toHaveLength(count);
  });

  it("makes priority follow the treatment gap and the antibody list", () => {
    const events = [cancer(), scan("ct-sd", 100, "SD"), cycle("c", 120, 1), antibody("ab", 10, "tif1-gamma", "positive"), skin("s", 160, 2)];
    expect(alertsOf(events)[0].priority).toBe("high");
    expect(alertsOf(events, { ...defaultAlertSettings, treatmentGapDays: 60, highRiskAntibodies: [] })[0].priority).toBe("normal");
  });
});
