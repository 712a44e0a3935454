import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, trustedProxyHops } from "./address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the client's address", () => {
  it("without trusted proxies is the connection's, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(headers({ [PEER_HEADER]: "192.0.2.7", "x-forwarded-for": "203.0.113.66" }), 0)).toBe("192.0.2.7");
    expect(clientAddress(headers({ [PEER_HEADER]: "192.0.2.7", "x-forwarded-for": "203.0.113.66, 192.0.2.7" }), 0)).toBe("192.0.2.7");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.66" }), 0)).toBeUndefined();
  });

  it("behind N proxies is the Nth entry from the right, never one the client wrote further left", () => {
    const chain = { [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4, 198.51.100.9, 10.0.0.1" };
    expect(clientAddress(headers(chain), 1)).toBe("10.0.0.1");
    expect(clientAddress(headers(chain), 2)).toBe("198.51.100.9");
    expect(clientAddress(headers({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "" }), 2)).toBe("10.0.0.2");
  });

  it("reads the number of hops from the environment, 0 unless a positive whole number", () => {
    expect([undefined, "", "0", "-1", "abc", "1.5"].map(trustedProxyHops)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trustedProxyHops("2")).toBe(2);
  });
});
