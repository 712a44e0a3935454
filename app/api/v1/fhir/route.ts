import { apiContext } from "@/app/_server/context";
import { mayWriteClinical, roleLabel } from "@/lib/auth";
import { BodyTooLargeError, MalformedJsonError, readBundleStream } from "@/lib/fhir";
import { clinicTimeZone, importReadBundle } from "@/lib/patients";
import { JsonTextScanner, scanned } from "../../_http/json-text";
import { problem, withErrors } from "../../_http/problem";

/** Bundles are whole patient records: far larger than other request bodies. */
const MAX_BUNDLE_BYTES = 200_000_000;

/**
 * Imports a FHIR R4 Bundle (?team=<care team id>, repeatable: the teams a new patient joins; default
 * the importer's only team; ?dryRun=true: a preview, 200 with the report it would give, nothing written).
 * Imports a FHIR R4 Bundle (transaction or collection; shared/FHIR.md), read as it streams in, written
 * in one transaction. 201 with the import report when anything was written, 200 when nothing needed
 * to be; 422 with every problem (resource and field path) and nothing written; 400 malformed JSON.
 */
export const POST = withErrors(async (request: Request) => {
  // Who is asking, before a byte of a possibly large body is read.
  const ctx = await apiContext();
  if (!mayWriteClinical(ctx.actor)) return problem(403, "Forbidden", `Your role (${roleLabel(ctx.actor.role)}) can read records but not import them.`);
  const params = new URL(request.url).searchParams;
  const teams = params.getAll("team");
  // ?dryRun=true: the whole import worked out and reported (what would be created, updated, unchanged, ignored), nothing written.
  const dryRun = params.get("dryRun") === "true";
  if (!/^application\/(fhir\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    return problem(415, "Unsupported media type", "Send the bundle as application/fhir+json.");
  }
  const tooLarge = problem(413, "Body too large", `Bundles are limited to ${MAX_BUNDLE_BYTES} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BUNDLE_BYTES) return tooLarge;
  if (!request.body) return problem(400, "Malformed JSON", "The request has no body: send a FHIR Bundle.");
  let read;
  // NUL and half UTF-16 pairs cannot be stored: found as the bundle streams past, refused before any write.
  const scanner = new JsonTextScanner();
  try {
    read = await readBundleStream(scanned(request.body as unknown as AsyncIterable<Uint8Array>, scanner), { timeZone: clinicTimeZone(), maxBytes: MAX_BUNDLE_BYTES });
  } catch (error) {
    if (error instanceof MalformedJsonError) return problem(400, "Malformed JSON", `${error.message} Nothing was written.`);
    if (error instanceof BodyTooLargeError) return tooLarge;
    throw error;
  }
  if (scanner.found) {
    const { at, message } = scanner.found;
    return problem(422, "Bundle rejected", `The bundle contains a character that cannot be stored, at character ${at}. Nothing was written.`, { [`character ${at}`]: [message] });
  }
  const outcome = await importReadBundle(ctx, read, { ...(teams.length > 0 ? { teamIds: teams } : {}), ...(dryRun ? { dryRun } : {}) });
  if (!outcome.ok) {
    const { message, problems, ignored, resourceCount } = outcome.rejection;
    const errors: Record<string, string[]> = {};
    for (const p of problems) (errors[p.entry !== undefined ? `entry[${p.entry}] ${p.path}` : p.path] ??= []).push(p.message);
    return problem(422, "Bundle rejected", message, errors, { problems, ignored, resourceCount });
  }
  const { counts } = outcome.report;
  if (dryRun) return Response.json(outcome.report, { status: 200 });
  return Response.json(outcome.report, { status: counts.created + counts.updated > 0 || outcome.report.patient.status === "created" ? 201 : 200 });
});
