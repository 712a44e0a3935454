import type { IncomingMessage, Server } from "node:http";
import { PEER_HEADER } from "./address";

const installed = Symbol.for("flarewatch.peer-address");

/**
 * Puts the connection's own address on every request the Node server receives, as PEER_HEADER,
 * replacing any value the client sent: Next hands route handlers and server actions the headers only,
 * not the socket (app/api/_http/address.ts explains why X-Forwarded-For cannot be trusted alone).
 */
export function installPeerAddress(http: { Server: typeof Server }): void {
  const proto = http.Server.prototype as Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]);
  } as Server["emit"];
}
