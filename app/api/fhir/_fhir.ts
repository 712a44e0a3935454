import "server-only";

/** FHIR answers: application/fhir+json, and errors as an OperationOutcome a FHIR client reads. */
export function fhirJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/fhir+json; charset=utf-8" } });
}

export function operationOutcome(status: number, code: "not-found" | "invalid" | "forbidden" | "processing", text: string): Response {
  return fhirJson({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics: text, details: { text } }] }, status);
}

/** The API's base URL as the client reached it (behind a proxy, its forwarded host and scheme). */
export function fhirBase(request: Request): URL {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto");
  if (host) url.host = host;
  if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
  return url;
}
