/**
 * Cross-site request forgery guard for the API's writes. A browser attaches the clinician's cookies to
 * a request another site makes it send (a form post, or a "simple" fetch such as text/plain, which needs
 * no CORS preflight), so a write is refused when the browser says it comes from elsewhere:
 * - an `Origin` header other than this server's own origin (scheme, host and port);
 * - `Origin: null` (sandboxed frames, data: URLs, some redirects: an origin that cannot be trusted);
 * - `Sec-Fetch-Site: cross-site`.
 * A request with neither header (curl, another server) is let through: it cannot carry a victim's cookies.
 * Reads (GET, HEAD, OPTIONS) are never refused here: they change nothing.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestFacts = Pick<Request, "method" | "url" | "headers">;

/** The first value of a header a chain of proxies may have appended to (`a, b`). */
function firstValue(headers: Headers, name: string): string | null {
  const value = headers.get(name)?.split(",")[0]?.trim();
  return value ? value : null;
}

/**
 * This server's origin as the browser addressed it: the host from X-Forwarded-Host or Host (not
 * request.url, which `next start` builds from its own hostname, e.g. localhost when the browser asked for
 * 127.0.0.1), the scheme from X-Forwarded-Proto, which Next sets from the connection when no proxy did.
 */
export function ownOrigin(request: RequestFacts): string | null {
  const host = firstValue(request.headers, "x-forwarded-host") ?? firstValue(request.headers, "host");
  if (!host) return null;
  const scheme = firstValue(request.headers, "x-forwarded-proto") ?? new URL(request.url).protocol.replace(/:$/, "");
  try {
    return new URL(`${scheme.toLowerCase()}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Why the request is refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(request: RequestFacts): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") {
    return "The browser reports that this request was sent by another site.";
  }
  const origin = request.headers.get("origin")?.trim();
  if (origin === undefined) return null;
  if (origin === "null" || origin === "") return "Requests from an opaque origin (Origin: null) cannot change data.";
  let claimed: string;
  try {
    claimed = new URL(origin).origin;
  } catch {
    return "The Origin header is not a valid origin.";
  }
  const own = ownOrigin(request);
  if (own === null || claimed !== own) return "Only pages of this site can change data through the API.";
  return null;
}
