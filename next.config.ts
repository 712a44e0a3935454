import type { NextConfig } from "next";

/**
 * Security headers that are the same for every response, static files included. The
 * Content-Security-Policy carries a per-request nonce, so proxy.ts sets it.
 */
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Not no-referrer: under it Chromium sends `Origin: null` with a same-origin <form> POST, which the
  // API's cross-site check (app/api/_http/origin.ts) and Next's Server Action check refuse. This one
  // sends no path or query (patient ids, name searches) to another origin, only the origin itself.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder; Prisma's client ships WASM too.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", ".prisma/client", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The FHIR import is not seen by proxy.ts (its body would be buffered there): a fixed policy for its JSON answers.
      { source: "/api/v1/fhir", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
