import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * HL7's published example resources, read from their npm packages (test use only): the mCODE 4.0.0
 * package (hl7.fhir.us.mcode) and the FHIR R4 examples package (hl7.fhir.r4.examples 4.0.1), both pinned
 * in package.json.
 */
const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

export function mcodeExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(packageDir("hl7.fhir.us.mcode"), "example", file), "utf8"));
}
export function r4Example(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(packageDir("hl7.fhir.r4.examples"), file), "utf8"));
}

/** The mCODE example patient bundle (Jenny M, breast cancer), a collection of 40 resources. */
export const mcodeJennyBundle = () => mcodeExample("Bundle-mcode-patient-bundle-jenny-m.json");

/**
 * The R4 specification's General Health Panel (Bundle "ghp") with its patient (pat2), which the bundle
 * only references: a report dating 3 panels of 51 results, units partly as UCUM strings without a code.
 */
export function generalHealthPanelBundle(): Record<string, unknown> & { entry: Record<string, unknown>[] } {
  const bundle = r4Example("Bundle-ghp.json") as Record<string, unknown> & { entry: Record<string, unknown>[] };
  bundle.entry.push({ fullUrl: "https://example.com/base/Patient/pat2", resource: r4Example("Patient-pat2.json") });
  return bundle;
}
