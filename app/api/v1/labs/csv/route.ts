import { apiContext } from "@/app/_server/context";
import { importLabCsv, previewLabCsv } from "@/lib/patients";
import { confirmationsOf, readText, respond, withErrors } from "../../../_http/problem";

/**
 * Lab results from CSV (columns: date, analyte, value, unit, range low, range high) for the patient
 * `?patient=<id>`. Without `commit` it answers the preview (each row as it will be stored, or its
 * reasons) and writes nothing; with `?commit=true` it imports, only if every row is valid (else 422
 * with the bad rows' messages keyed "line N: column"), and a value far outside what is usually seen
 * only with `&confirm=implausible` (else 409 with the rows' warnings, as for a single event).
 */
export const POST = withErrors(async (request: Request) => {
  const search = new URL(request.url).searchParams;
  const patientId = search.get("patient") ?? "";
  const body = await readText(request, /^text\/(csv|plain)\b/i, "text/csv");
  if (!body.ok) return body.response;
  const ctx = await apiContext();
  return search.get("commit") === "true" ? respond(await importLabCsv(ctx, patientId, body.body, { confirm: confirmationsOf(request) }), 201) : respond(await previewLabCsv(ctx, patientId, body.body));
});
