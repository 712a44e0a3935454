import { eventInput, futureDateErrors, patientInput, sexes, todayIn, type ClinicalDate, type EventInput, type PatientInput } from "@/lib/events";
import type { z } from "zod";
import { system } from "./codes";
import { codeIn, isObject, textOf, ResourceReader, type Json } from "./read";
import { mappers } from "./resources";

/**
 * A FHIR R4 Bundle → an import plan: the patient and each event with its idempotency key, or every
 * problem found (FHIR.md's import rules). Entries are fed one at a time (`add`), so that a large
 * bundle can be read as it streams in; `finish` then checks what needs the whole bundle: the one
 * Patient, references by fullUrl, and duplicate identifiers.
 */

export interface ResourceRef {
  /** Index in Bundle.entry. */
  entry: number;
  fullUrl?: string;
  resourceType: string;
}

export interface ImportProblem extends Partial<ResourceRef> {
  /** FHIR path of the field, e.g. "Observation.valueQuantity.code"; "Bundle" for the bundle itself. */
  path: string;
  message: string;
}

export interface IgnoredResource extends ResourceRef {
  reason: string;
}

export interface PlannedEvent extends ResourceRef {
  /** "system|value" of the resource's identifier, or "urn:ietf:rfc:3986|<fullUrl>" without one. */
  key: string;
  event: EventInput;
  /** What the import did with the resource that a reader should know: a unit converted, a date taken from its report. */
  notes?: string[];
}

export interface ImportPlan {
  bundleType: "transaction" | "collection";
  patient: PatientInput & ResourceRef & { identifierSystem?: string };
  events: PlannedEvent[];
  ignored: IgnoredResource[];
  resourceCount: number;
}

export type BundleReadResult =
  | { ok: true; plan: ImportPlan }
  | { ok: false; message: string; problems: ImportProblem[]; ignored: IgnoredResource[]; resourceCount: number };

export interface ReadOptions {
  /** IANA zone of the clinic's wall clock, for times of day. */
  timeZone?: string;
  /** Stop listing problems after this many (the count says how many there were). */
  maxProblems?: number;
  /** The clinic's today: a resource dated after it is a problem (the bundle is refused). Default: today in timeZone. */
  today?: ClinicalDate;
}

interface Candidate extends ResourceRef {
  key?: string;
  event: EventInput;
  subject: unknown;
  notes?: string[];
  countCycles?: boolean;
}

const hasEffective = (resource: Json) => resource.effectiveDateTime !== undefined || resource.effectivePeriod !== undefined || resource.effectiveInstant !== undefined;

/** Maps a zod issue path ("payload.referenceRange.low") to the FHIR field it came from. */
function fhirPathOf(issuePath: string, paths: [string, string][], resourceType: string): string {
  let best: [string, string] | undefined;
  for (const pair of paths) {
    if ((issuePath === pair[0] || issuePath.startsWith(`${pair[0]}.`)) && (!best || pair[0].length > best[0].length)) best = pair;
  }
  if (!best) return `${resourceType} (${issuePath})`;
  const rest = issuePath.slice(best[0].length);
  return `${resourceType}.${best[1]}${rest}`;
}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

export class BundleReader {
  private readonly timeZone: string;
  private readonly today: ClinicalDate;
  private readonly maxProblems: number;
  private readonly problems: ImportProblem[] = [];
  private problemCount = 0;
  private readonly ignored: IgnoredResource[] = [];
  private readonly candidates: Candidate[] = [];
  private readonly patients: { ref: ResourceRef; resource: Json }[] = [];
  private readonly fullUrls = new Map<string, number>();
  /** "Type/id" of resources that have an id, for relative references. */
  private readonly ids = new Map<string, number>();
  private readonly typeOfEntry = new Map<number, string>();
  private header: Json = {};
  /** Observations without a date, mapped in `finish` once every DiagnosticReport that may date them has been read. */
  private readonly undated: { ref: ResourceRef; resource: Json }[] = [];
  /** effective[x] of each DiagnosticReport, by the references in its `result`. */
  private readonly reportDates = new Map<string, { dateTime?: unknown; period?: unknown; source: string }>();
  private count = 0;

  constructor(options: ReadOptions = {}) {
    this.timeZone = options.timeZone ?? "UTC";
    this.today = options.today ?? todayIn(this.timeZone);
    this.maxProblems = options.maxProblems ?? 500;
  }

  private problem(p: ImportProblem): void {
    this.problemCount += 1;
    if (this.problems.length < this.maxProblems) this.problems.push(p);
  }

  /** Bundle-level fields other than `entry` (resourceType, type, ...), in any order. */
  setField(name: string, value: unknown): void {
    this.header[name] = value;
  }

  add(entry: unknown, index: number): void {
    this.count += 1;
    if (!isObject(entry)) return this.problem({ entry: index, path: `Bundle.entry[${index}]`, message: "An entry must be an object" });
    const fullUrl = typeof entry.fullUrl === "string" ? entry.fullUrl : undefined;
    if (entry.fullUrl !== undefined && fullUrl === undefined) this.problem({ entry: index, path: `Bundle.entry[${index}].fullUrl`, message: "fullUrl must be a string" });
    const resource = entry.resource;
    if (!isObject(resource)) {
      return this.problem({ entry: index, fullUrl, path: `Bundle.entry[${index}].resource`, message: "Each entry needs a resource (Flarewatch does not delete or read through a bundle)" });
    }
    const resourceType = typeof resource.resourceType === "string" ? resource.resourceType : undefined;
    if (!resourceType) return this.problem({ entry: index, fullUrl, path: `Bundle.entry[${index}].resource.resourceType`, message: "The resource has no resourceType" });
    const ref: ResourceRef = { entry: index, fullUrl, resourceType };
    if (isObject(entry.request) && entry.request.method !== "POST" && entry.request.method !== "PUT") {
      return this.problem({ ...ref, path: `Bundle.entry[${index}].request.method`, message: `Only POST and PUT entries can be imported, not ${String(entry.request.method)}` });
    }
    if (fullUrl !== undefined) {
      const earlier = this.fullUrls.get(fullUrl);
      if (earlier !== undefined) this.problem({ ...ref, path: `Bundle.entry[${index}].fullUrl`, message: `The fullUrl ${fullUrl} is also used by entry ${earlier}` });
      else this.fullUrls.set(fullUrl, index);
    }
    if (typeof resource.id === "string") this.ids.set(`${resourceType}/${resource.id}`, index);
    this.typeOfEntry.set(index, resourceType);

    if (resourceType === "Patient") {
      this.patients.push({ ref, resource });
      return;
    }
    if (resourceType === "DiagnosticReport") this.noteReportDate(resource, resource.result, `the DiagnosticReport in entry ${index}`);
    if (resourceType === "Observation" && hasEffective(resource)) this.noteReportDate(resource, resource.hasMember, `the panel Observation in entry ${index}`);
    if (resourceType === "Observation" && !hasEffective(resource)) {
      this.undated.push({ ref, resource });
      return;
    }
    this.map(ref, resource);
  }

  /** The date a report (DiagnosticReport.result) or a panel (Observation.hasMember) gives the results it lists. */
  private noteReportDate(report: Json, results: unknown, source: string, inherited?: { dateTime?: unknown; period?: unknown }): void {
    const date = { dateTime: inherited?.dateTime ?? report.effectiveDateTime, period: inherited?.period ?? report.effectivePeriod, source };
    if (date.dateTime === undefined && date.period === undefined) return;
    for (const result of Array.isArray(results) ? results : []) {
      if (isObject(result) && typeof result.reference === "string" && !this.reportDates.has(result.reference)) this.reportDates.set(result.reference, date);
    }
  }

  private inheritedDate(ref: ResourceRef, resource: Json) {
    return [ref.fullUrl, typeof resource.id === "string" ? `Observation/${resource.id}` : undefined].map((k) => (k ? this.reportDates.get(k) : undefined)).find((d) => d);
  }

  /** Maps the undated Observations: a report dates its panels, a panel its members, in as many rounds as that takes. */
  private mapUndated(): void {
    let waiting = this.undated.splice(0);
    for (;;) {
      const dated = waiting.filter((u) => this.inheritedDate(u.ref, u.resource));
      if (dated.length === 0) break;
      for (const u of dated) this.noteReportDate(u.resource, u.resource.hasMember, `the panel Observation in entry ${u.ref.entry}`, this.inheritedDate(u.ref, u.resource));
      waiting = waiting.filter((u) => !dated.includes(u));
      for (const u of dated) this.map(u.ref, u.resource);
    }
    for (const u of waiting) this.map(u.ref, u.resource);
  }

  private map(ref: ResourceRef, resource: Json): void {
    const resourceType = ref.resourceType;
    const mapper = mappers[resourceType];
    if (!mapper) {
      this.ignored.push({ ...ref, reason: `Flarewatch does not import ${resourceType} resources` });
      return;
    }
    const reader = new ResourceReader(resource, resourceType, this.timeZone);
    if (resourceType === "Observation" && !hasEffective(resource)) {
      // A result listed by a report: "Observation/id", or the entry's fullUrl.
      const byRef = this.inheritedDate(ref, resource);
      if (byRef) reader.inheritedEffective = byRef;
    }
    const mapping = mapper(reader);
    if (mapping.type === "ignored") {
      for (const p of reader.problems) this.problem({ ...ref, ...p });
      this.ignored.push({ ...ref, reason: mapping.reason });
      return;
    }
    const key = this.keyOf(reader, resource, ref);
    for (const p of reader.problems) this.problem({ ...ref, ...p });
    if (mapping.type === "rejected") return;
    // The kind's schema checks what the mapper moved across, even after a mapper problem, so that the
    // report names everything wrong with the resource; a field already reported is not reported twice.
    const parsed = eventInput.safeParse(mapping.event);
    if (!parsed.success) {
      const reported = new Set(reader.problems.map((p) => p.path));
      for (const issue of parsed.error.issues) {
        const path = fhirPathOf(issuePath(issue), mapping.paths, resourceType);
        if (![...reported].some((r) => r === path || r.startsWith(`${path}.`) || path.startsWith(`${r}.`))) this.problem({ ...ref, path, message: issue.message });
      }
    }
    // A clinical event dated after the clinic's today has not happened: the resource is a problem, and
    // (imports being all or nothing) the bundle is refused naming it, like any other invalid resource.
    const future = parsed.success ? Object.entries(futureDateErrors(parsed.data, this.today)) : [];
    for (const [field, messages] of future) {
      for (const message of messages) this.problem({ ...ref, path: fhirPathOf(field, mapping.paths, resourceType), message });
    }
    if (!parsed.success || reader.problems.length > 0 || future.length > 0) return;
    const notes = [...(mapping.notes ?? []), ...reader.notes];
    this.candidates.push({ ...ref, key, event: parsed.data, subject: resource.subject, ...(notes.length > 0 ? { notes } : {}), ...(mapping.countCycles ? { countCycles: true } : {}) });
  }

  /** The idempotency key: the first identifier with a value, or failing that the fullUrl. */
  private keyOf(reader: ResourceReader, resource: Json, ref: ResourceRef): string | undefined {
    const identifiers = Array.isArray(resource.identifier) ? resource.identifier : resource.identifier === undefined ? [] : [resource.identifier];
    const identifier = identifiers.find((i) => isObject(i) && typeof i.value === "string" && i.value.trim() !== "") as Json | undefined;
    if (identifier) {
      if (identifier.system !== undefined && typeof identifier.system !== "string") return reader.fail("identifier.system", "The identifier's system must be a URI");
      return `${(identifier.system as string | undefined) ?? ""}|${identifier.value as string}`;
    }
    if (ref.fullUrl) return `${system.uri}|${ref.fullUrl}`;
    return reader.fail("identifier", "Give the resource an identifier (or the entry a fullUrl) so that importing it again changes nothing");
  }

  private resolve(reference: string): number | undefined {
    return this.fullUrls.get(reference) ?? this.ids.get(reference);
  }

  /** Cycles of a drug given without a cycle number (standard records): numbered 1, 2, … in date order. */
  private numberCycles(): void {
    const byRegimen = new Map<string, Candidate[]>();
    for (const c of this.candidates) {
      if (!c.countCycles || c.event.kind !== "treatment_cycle") continue;
      const regimen = c.event.payload.regimen.toLowerCase();
      byRegimen.set(regimen, [...(byRegimen.get(regimen) ?? []), c]);
    }
    for (const list of byRegimen.values()) {
      list.sort((a, b) => (a.event.occurredAt < b.event.occurredAt ? -1 : a.event.occurredAt > b.event.occurredAt ? 1 : a.entry - b.entry));
      list.forEach((c, i) => {
        if (c.event.kind === "treatment_cycle") c.event.payload.cycleNumber = Math.min(i + 1, 200);
      });
    }
  }

  finish(): BundleReadResult {
    this.mapUndated();
    this.numberCycles();
    const ignored = this.ignored.sort((a, b) => a.entry - b.entry);
    this.candidates.sort((a, b) => a.entry - b.entry);
    const bundleProblems: ImportProblem[] = [];
    if (this.header.resourceType !== "Bundle") {
      bundleProblems.push({ path: "Bundle.resourceType", message: `Expected a FHIR Bundle, got ${typeof this.header.resourceType === "string" ? this.header.resourceType : "no resourceType"}` });
    }
    const type = this.header.type;
    if (type !== "transaction" && type !== "collection") {
      bundleProblems.push({ path: "Bundle.type", message: `Flarewatch imports transaction or collection bundles, not ${typeof type === "string" ? type : "a bundle without a type"}` });
    }
    this.problems.unshift(...bundleProblems);
    this.problemCount += bundleProblems.length;
    const patient = this.readPatient();
    const patientEntry = this.patients.length === 1 ? this.patients[0].ref.entry : undefined;
    const seenKeys = new Map<string, Candidate>();
    for (const c of this.candidates) {
      const subject = isObject(c.subject) ? c.subject.reference : undefined;
      const where = { entry: c.entry, fullUrl: c.fullUrl, resourceType: c.resourceType };
      if (typeof subject !== "string") {
        this.problem({ ...where, path: `${c.resourceType}.subject`, message: "Say whose record this is: subject must reference the bundle's Patient by its fullUrl" });
      } else {
        const target = this.resolve(subject);
        if (target === undefined) this.problem({ ...where, path: `${c.resourceType}.subject.reference`, message: `Broken reference: no entry in the bundle has the fullUrl ${subject}` });
        else if (target !== patientEntry) {
          this.problem({ ...where, path: `${c.resourceType}.subject.reference`, message: `${subject} is a ${this.typeOfEntry.get(target)}, not the bundle's Patient` });
        }
      }
      if (c.key !== undefined) {
        const first = seenKeys.get(c.key);
        if (first) {
          this.problem({ ...where, path: `${c.resourceType}.identifier`, message: `Duplicate identifier ${c.key}: entry ${first.entry} (${first.resourceType}) has it too` });
        } else seenKeys.set(c.key, c);
      }
    }
    if (this.problemCount > 0 || !patient) {
      const shown = this.problems.length;
      const message =
        this.problemCount === 0
          ? "The bundle was not imported."
          : `The bundle was not imported: ${this.problemCount} problem${this.problemCount === 1 ? "" : "s"}${shown < this.problemCount ? ` (the first ${shown} listed)` : ""}. Nothing was written.`;
      return { ok: false, message, problems: this.problems, ignored, resourceCount: this.count };
    }
    return {
      ok: true,
      plan: {
        bundleType: type as "transaction" | "collection",
        patient,
        events: this.candidates.map((c) => ({ entry: c.entry, fullUrl: c.fullUrl, resourceType: c.resourceType, key: c.key!, event: c.event, ...(c.notes ? { notes: c.notes } : {}) })),
        ignored,
        resourceCount: this.count,
      },
    };
  }

  private readPatient(): (PatientInput & ResourceRef) | undefined {
    if (this.patients.length !== 1) {
      const entries = this.patients.map((p) => p.ref.entry);
      this.problem({
        path: "Bundle.entry",
        message: this.patients.length === 0 ? "The bundle has no Patient: one bundle holds one patient's record" : `The bundle has ${this.patients.length} Patients (entries ${entries.join(", ")}): one bundle holds one patient's record`,
      });
      return undefined;
    }
    const { ref, resource } = this.patients[0];
    const where = { entry: ref.entry, fullUrl: ref.fullUrl, resourceType: "Patient" };
    const identifiers = Array.isArray(resource.identifier) ? resource.identifier.filter(isObject) : [];
    // The hospital identifier: Flarewatch's own system first, then one typed MR, then the first.
    const identifier =
      identifiers.find((i) => i.system === system.patientIdentifier) ??
      identifiers.find((i) => codeIn(i.type, "http://terminology.hl7.org/CodeSystem/v2-0203") === "MR") ??
      identifiers[0];
    const names = Array.isArray(resource.name) ? resource.name.filter(isObject) : [];
    const name = names.find((n) => n.use === "official") ?? names[0];
    const given = name && Array.isArray(name.given) ? name.given.filter((g) => typeof g === "string").join(" ") : undefined;
    const gender = resource.gender ?? "unknown";
    const input = {
      identifier: identifier?.value,
      familyName: name?.family ?? (typeof textOf(name) === "string" ? textOf(name) : undefined),
      givenName: given,
      sex: gender,
      birthDate: resource.birthDate,
    };
    const paths: Record<string, string> = {
      identifier: "Patient.identifier.value",
      familyName: "Patient.name.family",
      givenName: "Patient.name.given",
      sex: "Patient.gender",
      birthDate: "Patient.birthDate",
    };
    if (!(sexes as readonly unknown[]).includes(gender)) {
      this.problem({ ...where, path: "Patient.gender", message: `Unknown gender "${String(gender)}" (${sexes.join(", ")})` });
      return undefined;
    }
    const parsed = patientInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) this.problem({ ...where, path: paths[issuePath(issue)] ?? "Patient", message: issue.message });
      return undefined;
    }
    // Flarewatch's own system says "the identifier this install knows the patient by": no namespace of its own.
    const identifierSystem =
      typeof identifier?.system === "string" && identifier.system.trim() !== "" && identifier.system !== system.patientIdentifier ? identifier.system.trim() : undefined;
    return { ...parsed.data, ...ref, ...(identifierSystem ? { identifierSystem } : {}) };
  }
}

/** Reads a whole bundle already parsed from JSON. */
export function readBundle(bundle: unknown, options: ReadOptions = {}): BundleReadResult {
  const reader = new BundleReader(options);
  if (!isObject(bundle)) {
    return { ok: false, message: "The body is not a FHIR Bundle (a JSON object).", problems: [{ path: "Bundle", message: "Expected a JSON object" }], ignored: [], resourceCount: 0 };
  }
  for (const [name, value] of Object.entries(bundle)) if (name !== "entry") reader.setField(name, value);
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) {
    return { ok: false, message: "Bundle.entry must be a list.", problems: [{ path: "Bundle.entry", message: "Expected a list of entries" }], ignored: [], resourceCount: 0 };
  }
  (bundle.entry as unknown[] | undefined)?.forEach((entry, index) => reader.add(entry, index));
  return reader.finish();
}
