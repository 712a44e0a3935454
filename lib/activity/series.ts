import { isKind, type AnalyteCode, type TimelineEvent } from "@/lib/events";
import { currentEvents } from "./events";
import { labsFrom, type LabPoint } from "./labs";
import { cdasiActivityFrom, mmt8From, proximalWeaknessFrom, skinGradeFrom, type ActivityPoint, type Mmt8Point, type SkinGradePoint } from "./scores";

/** All DM activity series of one patient. */
export interface ActivitySeries {
  skinGrade: SkinGradePoint[];
  cdasiActivity: ActivityPoint[];
  mmt8: Mmt8Point[];
  proximalWeaknessMrc: ActivityPoint[];
  labs: Partial<Record<AnalyteCode, LabPoint[]>>;
}

/** Every series at once, filtering and ordering the events a single time. */
export function activitySeries(events: readonly TimelineEvent[]): ActivitySeries {
  const current = currentEvents(events);
  const skin = current.filter(isKind("skin_assessment"));
  const muscle = current.filter(isKind("muscle_assessment"));
  return {
    skinGrade: skinGradeFrom(skin),
    cdasiActivity: cdasiActivityFrom(skin),
    mmt8: mmt8From(muscle),
    proximalWeaknessMrc: proximalWeaknessFrom(muscle),
    labs: labsFrom(current.filter(isKind("lab_result"))),
  };
}
