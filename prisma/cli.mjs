#!/usr/bin/env node
// Runs the Prisma CLI without native engines. Prisma 6.19 with `engine: "js"` (prisma.config.ts)
// migrates through the WebAssembly schema engine and `engineType = "client"` needs no query
// engine, but the CLI still looks for the native binaries at start and downloads them when they
// are missing. Pointing both variables at an existing file stops the download; neither file is run.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const placeholder = fileURLToPath(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
