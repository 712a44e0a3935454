import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder; Prisma's client ships WASM too.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/client", ".prisma/client", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
