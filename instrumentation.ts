/**
 * Opens (and migrates) the database when the server starts, so a locked PGlite directory or an
 * unreachable PostgreSQL stops the server at once with a clear message rather than at the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddress } = await import("@/app/api/_http/peer");
    installPeerAddress(await import("node:http"));
    const { openAtStartup } = await import("@/lib/db/startup");
    await openAtStartup();
  }
}
