import { apiContext } from "@/app/_server/context";
import { everythingPage, searchsetBundle } from "@/lib/fhir";
import { patientEverything } from "@/lib/patients";
import { withErrors } from "../../../../_http/problem";
import { fhirBase, fhirJson, operationOutcome } from "../../../_fhir";

type Params = { params: Promise<{ id: string }> };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * GET /api/fhir/Patient/{id}/$everything[?_since=<instant>&_count=<n>&_offset=<n>]: the patient's
 * course as a searchset Bundle, a page at a time (links to the next and previous pages). Signed-in users
 * only; a patient outside their care teams is 404, like one that does not exist; every call is audited.
 */
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const { id } = await params;
  const ctx = await apiContext();
  const url = fhirBase(request);
  const q = url.searchParams;
  const since = q.get("_since");
  if (since !== null && (!INSTANT.test(since) || Number.isNaN(Date.parse(since)))) {
    return operationOutcome(400, "invalid", `_since must be a FHIR instant with its offset, e.g. 2020-08-03T00:00:00Z, not "${since}"`);
  }
  const number = (name: string, fallback: number, min: number, max: number) => {
    const text = q.get(name);
    if (text === null) return fallback;
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const count = number("_count", everythingPage.defaultCount, 1, everythingPage.maxCount);
  const offset = number("_offset", 0, 0, Number.MAX_SAFE_INTEGER);
  if (count === undefined) return operationOutcome(400, "invalid", `_count is a whole number from 1 to ${everythingPage.maxCount}`);
  if (offset === undefined) return operationOutcome(400, "invalid", "_offset is a whole number from 0");
  const result = await patientEverything(ctx, id, { ...(since ? { since: new Date(since) } : {}), count, offset });
  if (!result.ok) {
    if (result.error.kind === "not_found") return operationOutcome(404, "not-found", result.error.message);
    return operationOutcome(result.error.kind === "forbidden" ? 403 : 400, result.error.kind === "forbidden" ? "forbidden" : "invalid", result.error.message);
  }
  return fhirJson(searchsetBundle(result.value.entries, result.value.total, { url, offset, count }, new Date().toISOString()));
});
