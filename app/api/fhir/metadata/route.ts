import { capabilityStatement } from "@/lib/fhir";
import { withErrors } from "../../_http/problem";
import { fhirBase, fhirJson } from "../_fhir";
import packageJson from "@/package.json" with { type: "json" };

/**
 * GET /api/fhir/metadata: the CapabilityStatement. Public, as FHIR servers' are: it names what the API
 * does and says nothing about any patient; every other FHIR read needs a signed-in user.
 */
export const GET = withErrors(async (request: Request) => {
  const base = new URL("/api/fhir", fhirBase(request)).toString();
  return fhirJson(capabilityStatement(base, "2026-12-01", packageJson.version));
});
