import { describe, expect, it } from "vitest";
import { crossSiteRefusal, ownOrigin } from "./origin";

/** A request as `next start` on port 3200 hands it to a route handler (its url says localhost). */
function request(method: string, headers: Record<string, string>) {
  return { method, url: "http://localhost:3200/api/v1/patients", headers: new Headers({ host: "127.0.0.1:3200", "x-forwarded-proto": "http", ...headers }) };
}

describe("crossSiteRefusal", () => {
  it.each([
    ["same origin", { origin: "http://127.0.0.1:3200", "sec-fetch-site": "same-origin" }],
    ["no Origin (curl, another server)", {}],
    ["no Origin, Sec-Fetch-Site none (typed in the address bar)", { "sec-fetch-site": "none" }],
    ["same origin written with its default port", { host: "clinic.example", "x-forwarded-proto": "https", origin: "https://clinic.example:443" }],
    ["behind a proxy: the forwarded host and scheme", { host: "app:3000", "x-forwarded-host": "clinic.example", "x-forwarded-proto": "https", origin: "https://clinic.example" }],
    ["behind two proxies: the first forwarded values", { "x-forwarded-host": "clinic.example, edge.internal", "x-forwarded-proto": "https, http", origin: "https://clinic.example" }],
  ])("lets a write through: %s", (_, headers) => {
    expect(crossSiteRefusal(request("POST", headers))).toBeNull();
  });

  it.each([
    ["Origin: null", { origin: "null" }],
    ["another host", { origin: "https://evil.example" }],
    ["another port on the same host", { origin: "http://127.0.0.1:3201" }],
    ["another scheme on the same host and port", { origin: "https://127.0.0.1:3200" }],
    ["request.url's host rather than the one the browser used", { origin: "http://localhost:3200" }],
    ["a sibling subdomain", { host: "clinic.example", "x-forwarded-proto": "https", origin: "https://evil.clinic.example" }],
    ["Sec-Fetch-Site: cross-site without an Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: cross-site even with a matching Origin", { origin: "http://127.0.0.1:3200", "sec-fetch-site": "cross-site" }],
    ["an Origin that is not a URL", { origin: "not an origin" }],
  ])("refuses a write: %s", (_, headers) => {
    expect(crossSiteRefusal(request("POST", headers))).toEqual(expect.any(String));
  });

  it.each(["PUT", "PATCH", "DELETE", "post"])("checks %s like POST", (method) => {
    expect(crossSiteRefusal(request(method, { origin: "https://evil.example" }))).toEqual(expect.any(String));
  });

  it.each(["GET", "HEAD", "OPTIONS"])("never refuses %s, which changes nothing", (method) => {
    expect(crossSiteRefusal(request(method, { origin: "null", "sec-fetch-site": "cross-site" }))).toBeNull();
  });

  it("refuses a cross-site write when the server cannot tell its own host", () => {
    const noHost = { method: "POST", url: "http://localhost:3200/api/v1/patients", headers: new Headers({ origin: "http://localhost:3200" }) };
    expect(crossSiteRefusal(noHost)).toEqual(expect.any(String));
  });
});

describe("ownOrigin", () => {
  it("takes the scheme from request.url when no proxy or Next set X-Forwarded-Proto", () => {
    expect(ownOrigin({ method: "POST", url: "https://localhost/x", headers: new Headers({ host: "clinic.example" }) })).toBe("https://clinic.example");
  });
});
