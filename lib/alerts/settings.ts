import { z } from "zod";
import { antibodyNames, myositisAntibodies } from "@/lib/events";

/**
 * The alert rule's thresholds. Every number the rule uses is a setting with a default, shown on the
 * settings page with the label and description below, so a clinician can see (and a team can agree)
 * exactly when an alert fires.
 */
interface NumberSetting {
  label: string;
  description: string;
  /** Shown after the input, e.g. "days", "×ULN". */
  unit: string;
  min: number;
  max: number;
  /** 1 for whole numbers. */
  step: number;
  default: number;
  group: SettingGroup;
}

export type SettingGroup = "skin" | "muscle" | "episode" | "priority" | "backtest";

export const settingGroupNames: Record<SettingGroup, string> = {
  skin: "Skin flare",
  muscle: "Muscle flare",
  episode: "Re-imaging alert",
  priority: "High priority",
  backtest: "Backtest",
};

const numberSettings = {
  skinGradeMin: {
    label: "Skin grade that can count as a flare",
    description: "A skin assessment is a flare when its severity grade (0–4) is at least this and has risen by the amount below.",
    unit: "grade",
    min: 1,
    max: 4,
    step: 1,
    default: 2,
    group: "skin",
  },
  skinGradeRise: {
    label: "Rise in skin grade",
    description: "How far the grade must be above the patient's reference: the lowest grade of the reference period, else the last grade before it, else 0.",
    unit: "grades",
    min: 1,
    max: 4,
    step: 1,
    default: 1,
    group: "skin",
  },
  cdasiActivityMin: {
    label: "CDASI activity that can count as a flare",
    description: "A skin assessment is also a flare when its CDASI activity is at least this (above 14 is read as moderate–severe) and has risen by the amount below.",
    unit: "points",
    min: 1,
    max: 100,
    step: 1,
    default: 14,
    group: "skin",
  },
  cdasiActivityRise: {
    label: "Rise in CDASI activity",
    description: "Points above the patient's CDASI reference, worked out like the grade's; about 4–5 points is the minimal clinically important difference.",
    unit: "points",
    min: 1,
    max: 100,
    step: 1,
    default: 5,
    group: "skin",
  },
  skinReferenceDays: {
    label: "Skin reference period",
    description: "The patient's skin reference is the lowest value recorded in this many days before the assessment.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 90,
    group: "skin",
  },
  ckTimesUlnMin: {
    label: "CK that can count as a flare",
    description: "A CK result is a flare when it is at least this many times the upper limit of the lab's own reference range, and has risen as below.",
    unit: "×ULN",
    min: 0.1,
    max: 100,
    step: 0.1,
    default: 1,
    group: "muscle",
  },
  ckRiseFactor: {
    label: "Rise in CK",
    description: "The CK (as ×ULN) must be at least this many times the lowest CK of the reference period.",
    unit: "times",
    min: 1,
    max: 100,
    step: 0.1,
    default: 2,
    group: "muscle",
  },
  ckTimesUlnWithoutReference: {
    label: "CK that counts as a flare with no earlier CK",
    description: "With no CK in the reference period, a CK at least this many times the upper limit of normal is a flare.",
    unit: "×ULN",
    min: 0.1,
    max: 100,
    step: 0.1,
    default: 2,
    group: "muscle",
  },
  ckReferenceDays: {
    label: "CK reference period",
    description: "The CK reference is the lowest CK (as ×ULN) recorded in this many days before the result.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 180,
    group: "muscle",
  },
  mmt8FallPercent: {
    label: "Fall in MMT-8",
    description: "A muscle assessment is a flare when MMT-8 has fallen by at least this share of the previous MMT-8 on the same scale (IMACS uses 20%).",
    unit: "%",
    min: 1,
    max: 100,
    step: 1,
    default: 20,
    group: "muscle",
  },
  mrcWeaknessMax: {
    label: "MRC grade that counts as new proximal weakness",
    description: "A muscle assessment is a flare when the weakest proximal group is at or below this MRC grade and the previous MRC grade was above it, or there was none.",
    unit: "MRC",
    min: 0,
    max: 4.5,
    step: 0.5,
    default: 4,
    group: "muscle",
  },
  episodeGapDays: {
    label: "Days that separate flare episodes",
    description: "Flare findings less than this many days apart form one episode and one alert; a finding this many days or more after the last one starts a new episode.",
    unit: "days",
    min: 1,
    max: 365,
    step: 1,
    default: 30,
    group: "episode",
  },
  imagingGapDays: {
    label: "Days since tumour imaging before alerting",
    description: "An episode raises an alert only when the most recent tumour imaging (a scan with a RECIST response) was at least this many days before it started, or there was none.",
    unit: "days",
    min: 0,
    max: 365,
    step: 1,
    default: 28,
    group: "episode",
  },
  treatmentGapDays: {
    label: "Days off anticancer treatment",
    description: "An alert is high priority when the episode starts at least this many days after the last anticancer treatment cycle (patients never treated are not counted).",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 28,
    group: "priority",
  },
  backtestWindowDays: {
    label: "Backtest window",
    description: "In the backtest, an episode counts as heralding progression when a scan showing PD follows it within this many days; a PD scan with no episode in this many days before it counts as missed.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 90,
    group: "backtest",
  },
} as const satisfies Record<string, NumberSetting>;

export type NumberSettingKey = keyof typeof numberSettings;

function numberSetting(spec: NumberSetting) {
  const label = spec.label.charAt(0).toLowerCase() + spec.label.slice(1);
  let schema = z
    .number({ error: `Enter the ${label} as a number` })
    .min(spec.min, { error: `The ${label} is at least ${spec.min}` })
    .max(spec.max, { error: `The ${label} is at most ${spec.max}` });
  if (spec.step === 1) schema = schema.int({ error: `The ${label} is a whole number` });
  return schema.default(spec.default).meta({ title: spec.label, description: spec.description });
}

const numberSchemas = Object.fromEntries(
  Object.entries(numberSettings).map(([key, spec]) => [key, numberSetting(spec)]),
) as { [K in NumberSettingKey]: ReturnType<typeof numberSetting> };

const highRiskAntibodiesDescription =
  "A positive result for any of these antibodies makes every alert high priority: anti-TIF1γ and anti-NXP2 are the antibodies most linked to cancer in adult dermatomyositis.";

/** Parse stored or submitted settings; anything left out takes its default. */
export const alertSettings = z.object({
  ...numberSchemas,
  highRiskAntibodies: z
    .array(z.enum(myositisAntibodies, { error: "Unknown antibody" }))
    .default(["tif1-gamma", "nxp2"])
    .meta({ title: "Antibodies that make an alert high priority", description: highRiskAntibodiesDescription }),
});

export type AlertSettings = z.infer<typeof alertSettings>;

export const defaultAlertSettings: AlertSettings = Object.freeze(alertSettings.parse({})) as AlertSettings;

/** What the settings page shows for each setting, in display order. */
export type AlertSettingField =
  | ({ key: NumberSettingKey; type: "number" } & NumberSetting)
  | { key: "highRiskAntibodies"; type: "antibodies"; label: string; description: string; group: SettingGroup; options: { value: string; label: string }[]; default: string[] };

export const alertSettingFields: AlertSettingField[] = [
  ...(Object.entries(numberSettings) as [NumberSettingKey, NumberSetting][]).map(([key, spec]) => ({ key, type: "number" as const, ...spec })),
  {
    key: "highRiskAntibodies",
    type: "antibodies",
    label: "Antibodies that make an alert high priority",
    description: highRiskAntibodiesDescription,
    group: "priority",
    options: myositisAntibodies.map((value) => ({ value, label: antibodyNames[value] })),
    default: [...defaultAlertSettings.highRiskAntibodies],
  },
];
