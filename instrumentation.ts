/**
 * Opens (and migrates) the database when the server starts, so a locked PGlite directory or an
 * unreachable PostgreSQL stops the server at once with a clear message rather than at the first request;
 * then starts this server's audit sealer (lib/audit/sealer.ts: every server runs one, one is elected
 * per round), and on PGlite the planner statistics keeper (lib/db/maintenance.ts: PGlite has no autovacuum).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddress } = await import("@/app/api/_http/peer");
    installPeerAddress(await import("node:http"));
    const { openAtStartup } = await import("@/lib/db/startup");
    await openAtStartup();
    const { getDatabase } = await import("@/lib/db");
    const { startAuditSealer } = await import("@/lib/audit/sealer");
    startAuditSealer((await getDatabase()).prisma);
    const { startPGliteAnalyzer } = await import("@/lib/db/maintenance");
    startPGliteAnalyzer(await getDatabase());
  }
}
