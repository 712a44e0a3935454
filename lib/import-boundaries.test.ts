import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rule of eslint.config.mjs, run through ESLint's own API on code that is not in the
 * repository: a deliberate import of Prisma (or of the database, a service, React, Next) into a pure
 * module must fail the lint, and the same import in a service must pass.
 */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it.each([
    ['import { PrismaClient } from "@prisma/client";', "Only the services in lib/"],
    ['import { getDatabase } from "@/lib/db";', "Only the services in lib/"],
    ['import { getDatabase } from "../db";', "Only the services in lib/"],
    ['import { getPatient } from "@/lib/patients";', "does not call services"],
    ['import { patientRead } from "@/lib/service";', "does not call services"],
    ['import { requireActor } from "../auth/session";', "does not call services"],
    ['import { cache } from "react";', "React or Next"],
    ['import { headers } from "next/headers";', "React or Next"],
  ])("a pure module may not %s", async (line, message) => {
    const problems = await restrictedImports("lib/events/boundary-fixture.ts", `${line}\nexport const x = [${line.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  }, 60_000);

  it("every pure-core folder is covered, lib/screening included", async () => {
    for (const dir of ["recist", "activity", "alerts", "timeline", "fhir", "units", "csv", "treatment", "screening"]) {
      expect(await restrictedImports(`lib/${dir}/boundary-fixture.ts`, 'import { Prisma } from "@prisma/client";\nexport const x = Prisma;\n'), dir).toHaveLength(1);
    }
  }, 60_000);

  it("app/ reaches the database only through the services", async () => {
    expect(await restrictedImports("app/patients/boundary-fixture.tsx", 'import { getDatabase } from "@/lib/db";\nexport const x = getDatabase;\n')).toHaveLength(1);
    expect(await restrictedImports("app/patients/boundary-fixture.tsx", 'import { Prisma } from "@prisma/client";\nexport const x = Prisma;\n')).toHaveLength(1);
    expect(await restrictedImports("app/patients/boundary-fixture.tsx", 'import { patientRead } from "@/lib/service";\nexport const x = patientRead;\n')).toHaveLength(1);
    expect(await restrictedImports("app/patients/boundary-fixture.tsx", 'import { getPatient } from "@/lib/patients";\nexport const x = getPatient;\n')).toEqual([]);
  }, 60_000);

  it("a service may use the database and Prisma", async () => {
    const code = 'import { Prisma } from "@prisma/client";\nimport { getDatabase } from "@/lib/db";\nexport const x = [Prisma, getDatabase];\n';
    expect(await restrictedImports("lib/patients/boundary-fixture.ts", code)).toEqual([]);
  }, 60_000);
});
