import { NextResponse, type NextRequest } from "next/server";
import { crossSiteRefusal } from "@/app/api/_http/origin";

/**
 * The Content-Security-Policy, with a fresh nonce for every request (the Next.js CSP guide's pattern:
 * https://nextjs.org/docs/app/guides/content-security-policy). Next reads the nonce from the policy on
 * the request and puts it on its own scripts; the root layout is force-dynamic, so every page is
 * rendered per request and gets it. The other security headers do not change per request and are set
 * for every response, static files included, in next.config.ts.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this request's nonce, and what they load ('strict-dynamic'). React needs
    // eval in development only, to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Recharts and React set style attributes; a nonce here would switch 'unsafe-inline' off.
    "style-src 'self' 'unsafe-inline'",
    // The chart's PNG export draws a data: SVG on a canvas and downloads a blob: URL.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function proxy(request: NextRequest) {
  // A server action posted from another site: Next refuses it too, but by throwing, which answers 500
  // and logs an error. Answer it as the route handlers do (app/api/_http/origin.ts): 403, nothing written.
  if (request.headers.has("next-action")) {
    const refusal = crossSiteRefusal(request);
    if (refusal) {
      return new NextResponse(JSON.stringify({ type: "about:blank", title: "Cross-site request refused", status: 403, detail: `${refusal} Nothing was written.` }), {
        status: 403,
        headers: { "content-type": "application/problem+json", "cache-control": "no-store", "content-security-policy": "default-src 'none'; frame-ancestors 'none'" },
      });
    }
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // Where a signed-out visitor was going, so sign-in can bring them back (app/_server/context.ts).
  requestHeaders.set("x-flarewatch-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages and the API; not the hashed static files, which carry no markup of their own. Link
      // prefetches are skipped as the guide advises: they fetch data for a page, not a document.
      // Nor the FHIR import (/api/v1/fhir): Next buffers the body of every request the proxy sees, and
      // only up to 10 MiB, which cut bundles short; that route streams its body (up to 200 MB) itself
      // and gets its headers from next.config.ts.
      source: "/((?!_next/static|_next/image|favicon.ico|api/v1/fhir$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
