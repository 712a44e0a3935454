import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers (docs/architecture.md). The pure core computes from values it is given: no database, no
 * services, no React or Next, so it runs the same in a test, a script and the browser. `app/` reaches
 * the database only through the services in lib/ (which check access and write the audit row).
 */
export const pureCore = ["lib/events", "lib/recist", "lib/activity", "lib/alerts", "lib/timeline", "lib/fhir", "lib/units", "lib/csv", "lib/treatment", "lib/screening"];

const databaseModules = {
  group: ["@/lib/db", "@/lib/db/*", "@prisma/*"],
  message: "Only the services in lib/ (lib/patients, lib/admin, lib/auth, lib/audit, through the kernel in lib/service) reach the database.",
};
const relativeDatabase = {
  regex: "^(\\.\\./)+(lib/)?db(/.*)?$",
  message: "Only the services in lib/ (lib/patients, lib/admin, lib/auth, lib/audit, through the kernel in lib/service) reach the database.",
};

export const boundaryRules = [
  {
    files: pureCore.map((dir) => `${dir}/**/*.{ts,tsx}`),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            databaseModules,
            relativeDatabase,
            {
              group: ["@/lib/patients", "@/lib/patients/*", "@/lib/admin", "@/lib/admin/*", "@/lib/auth", "@/lib/auth/*", "@/lib/service", "@/lib/service/*"],
              message: "The pure core does not call services: pass it the values it needs.",
            },
            { regex: "^(\\.\\./)+(patients|admin|auth|service)(/.*)?$", message: "The pure core does not call services: pass it the values it needs." },
            { group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"], message: "The pure core knows nothing of React or Next." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            databaseModules,
            relativeDatabase,
            { group: ["@/lib/service", "@/lib/service/*"], message: "app/ calls the services (lib/patients, lib/admin, lib/auth), not the kernel they are built on." },
          ],
        },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...boundaryRules,
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/out/**"] },
];

export default config;
