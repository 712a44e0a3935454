import type { Role } from "@/lib/auth";
import type { Course } from "./cohort";

export const demoTeams = ["Sarcoma MDT", "Thoracic oncology MDT", "Myositis clinic"] as const;
export type DemoTeam = (typeof demoTeams)[number];

/**
 * One demo user per role, with the passwords the README lists. They exist only where the demo data
 * was seeded; change them (or deactivate the accounts) before real patients are entered.
 */
export const demoUsers: { name: string; email: string; role: Role; password: string; teams: DemoTeam[] }[] = [
  { name: "Alex Morgan", email: "admin@flarewatch.example", role: "admin", password: "amber-harbour-lantern-42", teams: [] },
  { name: "Dr Olivia Okafor", email: "oncologist@flarewatch.example", role: "oncologist", password: "copper-meadow-violin-17", teams: ["Sarcoma MDT"] },
  { name: "Dr Raj Rao", email: "rheumatologist@flarewatch.example", role: "rheumatologist", password: "silver-orchard-pebble-58", teams: ["Myositis clinic"] },
  { name: "Dr Dana Demir", email: "dermatologist@flarewatch.example", role: "dermatologist", password: "quiet-river-saffron-23", teams: ["Myositis clinic"] },
  { name: "Nina Nowak", email: "nurse@flarewatch.example", role: "nurse", password: "maple-lantern-cobalt-64", teams: ["Sarcoma MDT", "Thoracic oncology MDT"] },
  { name: "Victor Vale", email: "viewer@flarewatch.example", role: "viewer", password: "gentle-prism-walnut-39", teams: ["Sarcoma MDT"] },
];

/** The reference case is followed by the sarcoma MDT and the myositis clinic. */
export const seedCaseTeams: DemoTeam[] = ["Sarcoma MDT", "Myositis clinic"];

/**
 * Cohort patients: a cancer goes to the sarcoma or thoracic MDT (alternately); dermatomyositis, or
 * checkpoint-inhibitor myositis, also to the myositis clinic; dermatomyositis without cancer to the
 * clinic only; a cancer without either (the statin CK rise) to the MDT only.
 */
export function cohortTeams(index: number, course: Course): DemoTeam[] {
  const oncology: DemoTeam = index % 2 === 0 ? "Sarcoma MDT" : "Thoracic oncology MDT";
  if (course === "dm-without-cancer") return ["Myositis clinic"];
  if (course === "cancer-without-dm" || course === "statin-ck-rise") return [oncology];
  return [oncology, "Myositis clinic"];
}
