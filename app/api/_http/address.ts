/**
 * The client's address, for the audit trail and the per-address sign-in limit.
 *
 * `next start` copies a client's own `X-Forwarded-For` through unchanged (it adds the socket's address
 * only when the header is missing), so the header alone is whatever the client wrote. The address of
 * the connection itself is put on each request as PEER_HEADER by instrumentation.ts (replacing any value
 * a client sent), and:
 * - with FLAREWATCH_TRUSTED_PROXY_HOPS=0 (the default: clients connect to the app directly) only that
 *   address counts; X-Forwarded-For is ignored;
 * - with N trusted reverse proxies in front, each appending the address it saw, the client is the Nth
 *   entry from the right of X-Forwarded-For (the entries left of it were written by the client).
 */
export const PEER_HEADER = "x-flarewatch-peer";

export function trustedProxyHops(env: string | undefined = process.env.FLAREWATCH_TRUSTED_PROXY_HOPS): number {
  const hops = Number(env ?? 0);
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 20) : 0;
}

export function clientAddress(headers: Headers, hops = trustedProxyHops()): string | undefined {
  const peer = headers.get(PEER_HEADER)?.trim() || undefined;
  if (hops === 0) return peer?.slice(0, 100);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through them all; the connection is all we know.
  const address = chain.length >= hops ? chain[chain.length - hops] : peer;
  return address?.slice(0, 100);
}
