import "server-only";
import { randomUUID } from "node:crypto";
import { unsafeTextErrors, unsafeTextProblem, type FieldErrors } from "@/lib/events";
import type { Result, ServiceError } from "@/lib/patients";
import { SignInRequired } from "@/app/_server/context";

const signInMessages: Record<SignInRequired["reason"], string> = {
  "signed-out": "Sign in first: send POST /api/v1/session with your email and password, then the session cookie with each request.",
  idle: "Your session ended after 30 minutes without activity. Sign in again.",
  expired: "Your session reached its 12-hour limit. Sign in again.",
  deactivated: "This account has been deactivated.",
  "two-factor-enrolment": "Administrators must set up a second factor (an authenticator app) before doing anything else. Sign in to the web app to set it up.",
};

function signInRequired(error: SignInRequired): Response {
  if (error.reason === "two-factor-enrolment") return problem(403, "Second factor required", signInMessages[error.reason]);
  const response = problem(401, "Sign-in required", signInMessages[error.reason]);
  response.headers.set("www-authenticate", 'Cookie realm="Flarewatch"');
  return response;
}
import { crossSiteRefusal } from "./origin";

const PROBLEM = "application/problem+json";

/** RFC 9457 problem details; `errors` carries field-level messages keyed by field path; `extensions` adds members. */
export function problem(status: number, title: string, detail?: string, errors?: FieldErrors, extensions?: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, errors, ...extensions }), {
    status,
    headers: { "content-type": PROBLEM },
  });
}

const statusOf: Record<ServiceError["kind"], number> = { invalid: 422, not_found: 404, conflict: 409, forbidden: 403, needs_confirmation: 409 };
const titleOf: Record<ServiceError["kind"], string> = {
  invalid: "Invalid input",
  not_found: "Not found",
  conflict: "Conflict",
  forbidden: "Forbidden",
  needs_confirmation: "Confirmation required",
};

/** A confirmation is sent back as `?confirm=duplicate,implausible` on the same request. */
export function fromServiceError(error: ServiceError): Response {
  if (error.kind === "needs_confirmation") {
    return problem(statusOf[error.kind], titleOf[error.kind], `${error.message} Nothing was written; send the request again with ?confirm=${[...new Set(error.warnings.map((w) => w.kind))].join(",")} to record it anyway.`, undefined, { warnings: error.warnings });
  }
  return problem(statusOf[error.kind], titleOf[error.kind], error.message, error.kind === "invalid" ? error.fieldErrors : undefined);
}

/** The confirmations a request carries (`?confirm=duplicate,implausible`). */
export function confirmationsOf(request: Request): ("duplicate" | "implausible")[] {
  const words = new URL(request.url).searchParams.getAll("confirm").flatMap((v) => v.split(","));
  return (["duplicate", "implausible"] as const).filter((c) => words.includes(c));
}

export function respond<T>(result: Result<T>, status = 200): Response {
  return result.ok ? Response.json(result.value, { status }) : fromServiceError(result.error);
}

export const MAX_BODY_BYTES = 1_000_000;

const tooLarge = (maxBytes: number) => problem(413, "Body too large", `Bodies are limited to ${maxBytes} bytes.`);

/** Reads a JSON body, or a 400/413/415 problem a client can act on. Some routes take larger bodies. */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return { ok: false, response: problem(415, "Unsupported media type", "Send the body as application/json.") };
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, "Malformed JSON", "The request body is not valid JSON.") };
  }
  const unsafe = unsafeTextErrors(body);
  if (Object.keys(unsafe).length > 0) return { ok: false, response: unsafeText(unsafe) };
  return { ok: true, body };
}

const unsafeText = (errors: FieldErrors) =>
  problem(422, "Invalid input", "Some text contains a character that cannot be stored (NUL, or half of a UTF-16 pair). Nothing was written.", errors);

/** The line (from 1) of the first NUL or unpaired surrogate in a text body, with what is wrong, or null. */
function unsafeLine(text: string): FieldErrors | null {
  if (!unsafeTextProblem(text)) return null;
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => unsafeTextProblem(line));
  return { [`line ${index + 1}`]: [unsafeTextProblem(lines[index])!] };
}

/**
 * Query parameters with NUL or an unpaired surrogate (`?q=%00`, `?from=%ED%A0%80`) are refused with 422
 * before the handler runs, except those a handler names because its service refuses (and audits) them.
 */
function unsafeQuery(request: Request, selfChecked: readonly string[]): Response | null {
  const errors: FieldErrors = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (selfChecked.includes(key)) continue;
    const problemOf = unsafeTextProblem(key) ?? unsafeTextProblem(value);
    if (problemOf) (errors[`?${unsafeTextProblem(key) ? "(parameter name)" : key}`] ??= []).push(problemOf);
  }
  return Object.keys(errors).length > 0 ? problem(422, "Invalid query", "A query parameter contains a character that cannot be used (NUL, or half of a UTF-16 pair).", errors) : null;
}

/** Reads a text body of one of the given media types (e.g. text/csv), or a 413/415 problem. */
export async function readText(request: Request, types: RegExp, expected: string, maxBytes = MAX_BODY_BYTES): Promise<{ ok: true; body: string } | { ok: false; response: Response }> {
  if (!types.test(request.headers.get("content-type") ?? "")) {
    return { ok: false, response: problem(415, "Unsupported media type", `Send the body as ${expected}.`) };
  }
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const unsafe = unsafeLine(text);
  if (unsafe) return { ok: false, response: unsafeText(unsafe) };
  return { ok: true, body: text };
}

/**
 * Every route handler goes through this. A write that a browser says came from another site is refused
 * (403) before its body is read or anything is written (origin.ts); a query parameter that is not text
 * is refused (422); unexpected failures are logged with an id and answered with that id only, never a
 * stack trace. Every answer carries `Cache-Control: no-store`: API responses hold patient data, which
 * no browser or proxy cache may keep (the pages send the same).
 */
export function withErrors<Context = unknown>(handler: (request: Request, context: Context) => Promise<Response>, options: { selfCheckedQuery?: readonly string[] } = {}) {
  return async (request: Request, context: Context): Promise<Response> => noStore(await answer(request, context));

  async function answer(request: Request, context: Context): Promise<Response> {
    try {
      const refusal = crossSiteRefusal(request);
      if (refusal) return problem(403, "Cross-site request refused", `${refusal} Nothing was written.`);
      const badQuery = unsafeQuery(request, options.selfCheckedQuery ?? []);
      if (badQuery) return badQuery;
      return await handler(request, context);
    } catch (error) {
      if (error instanceof SignInRequired) return signInRequired(error);
      const id = randomUUID();
      console.error(`[error ${id}]`, error);
      return problem(500, "Internal error", `Something went wrong on the server (error id ${id}). Nothing was saved.`);
    }
  }
}

function noStore(response: Response): Response {
  try {
    response.headers.set("cache-control", "no-store");
    return response;
  } catch {
    // Headers of a response made elsewhere may be immutable: copy it.
    const copy = new Response(response.body, response);
    copy.headers.set("cache-control", "no-store");
    return copy;
  }
}
