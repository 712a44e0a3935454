import { isUcumUnit } from "@/lib/units";
import { fromFhirDateTime } from "./datetime";

const UCUM = "http://unitsofmeasure.org";

/** Reading untrusted FHIR JSON field by field, recording each problem with its FHIR path. */

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export interface FieldProblem {
  path: string;
  message: string;
}

export interface CodingValue {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

/** The codings of a CodeableConcept (or of each CodeableConcept in a list); tolerant of bad shapes. */
export function codingsOf(concept: unknown): CodingValue[] {
  if (Array.isArray(concept)) return concept.flatMap(codingsOf);
  if (!isObject(concept) || !Array.isArray(concept.coding)) return [];
  return concept.coding.filter(isObject);
}

export function codeIn(concept: unknown, systemUrl: string): string | undefined {
  const found = codingsOf(concept).find((c) => c.system === systemUrl && typeof c.code === "string");
  return found?.code as string | undefined;
}

export function hasCode(concept: unknown, systemUrl: string, value: string): boolean {
  return codingsOf(concept).some((c) => c.system === systemUrl && c.code === value);
}

export function textOf(concept: unknown): unknown {
  return isObject(concept) ? concept.text : undefined;
}

export class ResourceReader {
  readonly problems: FieldProblem[] = [];
  /** What the import did that the report should say (a conversion, a date taken from elsewhere). */
  readonly notes: string[] = [];
  /** effective[x] from the DiagnosticReport that lists this Observation, for a result that has none. */
  inheritedEffective?: { dateTime?: unknown; period?: unknown; source: string };

  constructor(
    readonly resource: Json,
    readonly type: string,
    readonly timeZone: string,
  ) {}

  fail(path: string, message: string): undefined {
    this.problems.push({ path: path ? `${this.type}.${path}` : this.type, message });
    return undefined;
  }

  get(field: string): unknown {
    return this.resource[field];
  }

  /** A list field; a single value where a list belongs is a problem. */
  list(value: unknown, path: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, "Expected a list");
      return [];
    }
    return value;
  }

  /** The value of the extension with this url on `element`, by its value[x] name. */
  extension(element: Json, url: string, valueField: string, path = ""): unknown {
    const list = this.list(element.extension, `${path}extension`);
    const index = list.findIndex((ext) => isObject(ext) && ext.url === url);
    if (index < 0) return undefined;
    const ext = list[index] as Json;
    if (!(valueField in ext)) return this.fail(`${path}extension[${index}]`, `The extension ${url} needs a ${valueField}`);
    return ext[valueField];
  }

  date(value: unknown, path: string): string | undefined {
    const parsed = fromFhirDateTime(value, this.timeZone);
    return parsed.ok ? parsed.date : this.fail(path, parsed.message);
  }

  /** `<name>DateTime` or `<name>Period` (start required): the event's start and end. */
  when(name: string): { occurredAt?: string; endedAt?: string; paths: [string, string][] } {
    let dateTime = this.resource[`${name}DateTime`];
    let period = this.resource[`${name}Period`];
    if (dateTime === undefined && period === undefined && name === "effective" && this.inheritedEffective) {
      dateTime = this.inheritedEffective.dateTime;
      period = this.inheritedEffective.period;
      this.notes.push(`Dated from ${this.inheritedEffective.source}, which lists this result`);
    }
    if (dateTime !== undefined) {
      return { occurredAt: this.date(dateTime, `${name}DateTime`), paths: [["occurredAt", `${name}DateTime`]] };
    }
    if (isObject(period)) {
      if (period.start === undefined) return { ...this.missing(`${name}Period.start`), paths: [] };
      return {
        occurredAt: this.date(period.start, `${name}Period.start`),
        endedAt: period.end === undefined ? undefined : this.date(period.end, `${name}Period.end`),
        paths: [
          ["occurredAt", `${name}Period.start`],
          ["endedAt", `${name}Period.end`],
        ],
      };
    }
    return { ...this.missing(`${name}DateTime`), paths: [] };
  }

  private missing(path: string) {
    this.fail(path, "Give the date (YYYY-MM-DD, or with a time and its offset)");
    return { occurredAt: undefined };
  }

  /**
   * A UCUM quantity: its number and UCUM unit (FHIR.md). The unit is the `code` (system
   * http://unitsofmeasure.org), or, when a sender left the code out, a `unit` string that is itself
   * valid UCUM (10*3/uL); anything else is refused rather than guessed.
   */
  ucum(quantity: unknown, path: string): { value?: unknown; unit?: string; comparator?: unknown } | undefined {
    if (quantity === undefined) return undefined;
    if (!isObject(quantity)) return this.fail(path, "Expected a Quantity");
    const hasCode = typeof quantity.code === "string" && quantity.code.trim() !== "";
    if (hasCode && quantity.system !== UCUM) {
      return this.fail(`${path}.system`, `Units must be UCUM (system ${UCUM})${typeof quantity.system === "string" ? `, not ${quantity.system}` : ""}`);
    }
    if (!hasCode && quantity.system !== undefined && quantity.system !== UCUM) {
      return this.fail(`${path}.system`, `Units must be UCUM (system ${UCUM})${typeof quantity.system === "string" ? `, not ${quantity.system}` : ""}`);
    }
    const unit = hasCode ? (quantity.code as string) : typeof quantity.unit === "string" ? quantity.unit : undefined;
    if (unit === undefined) return this.fail(`${path}.code`, `Give the unit as a UCUM code (system ${UCUM})`);
    if (!isUcumUnit(unit)) {
      return this.fail(hasCode ? `${path}.code` : `${path}.unit`, `"${unit}" is not a UCUM unit${hasCode ? "" : ": give the unit as a UCUM code"}`);
    }
    return { value: quantity.value, unit, comparator: quantity.comparator };
  }
}
