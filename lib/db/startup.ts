import { getDatabase } from "./client";
import { describeTarget } from "./config";

export async function openAtStartup(): Promise<void> {
  try {
    const db = await getDatabase();
    if (db.target.kind !== "pglite-memory") console.log(`Flarewatch database: ${describeTarget(db.target)}`);
  } catch (error) {
    console.error(`Flarewatch cannot open its database: ${(error as Error).message}`);
    process.exit(1);
  }
}
