/**
 * `npm run users:create-admin -- --email you@hospital.org --name "Your Name"`: the first administrator
 * of a new install (or a replacement when none can sign in). The password is read from
 * FLAREWATCH_ADMIN_PASSWORD, or asked for on the terminal. The admin sets up a second factor at first
 * sign-in, then creates everyone else in Admin → Users. With the embedded database, stop the app first.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createUser } from "@/lib/admin/users";
import { systemActor } from "@/lib/auth";
import { describeTarget, openDatabase } from "@/lib/db";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run users:create-admin -- --email you@hospital.org --name "Your Name"');
  process.exit(2);
}

async function askPassword(): Promise<string> {
  const fromEnv = process.env.FLAREWATCH_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Typed characters are not echoed.
  const output = prompt as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WriteStream };
  const question = prompt.question("Password for the new administrator (12+ characters): ");
  output._writeToOutput = () => {};
  const answer = await question;
  prompt.close();
  process.stdout.write("\n");
  return answer;
}

const password = await askPassword();
const db = await openDatabase();
try {
  const result = await createUser({ db, actor: systemActor("users:create-admin") }, { name: values.name, email: values.email, role: "admin", password, teamIds: [] });
  if (!result.ok) {
    const fields = result.error.kind === "invalid" ? Object.entries(result.error.fieldErrors).map(([field, messages]) => `  ${field}: ${messages.join(" ")}`) : [];
    console.error([`Not created: ${result.error.message}`, ...fields].join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`Administrator ${values.email.trim().toLowerCase()} created in ${describeTarget(db.target as never)}. Sign in and set up the second factor when asked.`);
  }
} finally {
  await db.close();
}
