import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

/**
 * Every service reaches the database through the kernel (lib/service): a service module that touches
 * `ctx.db` itself is one that could forget the access check or the audit row. The few that must, for a
 * reason the kernel cannot serve, are listed here with it; a new one fails this test until it is.
 */
const allowed: Record<string, string> = {
  "lib/patients/fhir-import.ts": "finds its patient by identifier and may create them, in transactions of its own, with the kernel's checks",
  "lib/patients/alert-backtest.ts": "reads the whole cohort outside a transaction (PGlite's one connection is not held), then records one row",
  "lib/admin/audit.ts": "walks the whole audit chain outside the recording transaction (administrators only), then records through adminCall",
  "lib/admin/users.ts": "reads the user whose password is reset to check the new one against their name before the slow hash, outside the transaction",
  "lib/auth/requests.ts": "builds the service context from the request (the session, then the database) for app/",
};

const root = path.resolve(import.meta.dirname, "..", "..");
const serviceFiles = ["lib/patients", "lib/admin", "lib/auth"].flatMap((dir) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "testing.ts")
    .map((file) => `${dir}/${file}`),
);

it("no service module reaches the database but through the kernel, except those listed with their reason", () => {
  expect(serviceFiles.length).toBeGreaterThan(30);
  const direct = serviceFiles.filter((file) => /\bctx\.db\.|\.db\.prisma\b|getDatabase\(/.test(fs.readFileSync(path.join(root, file), "utf8")));
  expect(direct.sort()).toEqual(Object.keys(allowed).sort());
});
