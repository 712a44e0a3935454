import { describe, expect, it, vi } from "vitest";
import { withErrors } from "./problem";

const url = "http://localhost:3200/api/v1/patients";
const post = (headers: Record<string, string>) =>
  new Request(url, { method: "POST", headers: { host: "127.0.0.1:3200", "content-type": "text/plain", ...headers }, body: "{}" });

describe("withErrors", () => {
  it("refuses a cross-site write with 403 problem+json before the handler reads the body", async () => {
    const handler = vi.fn(async (request: Request) => new Response(await request.text()));
    const response = await withErrors(handler)(post({ origin: "https://evil.example" }), {});
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 403, title: "Cross-site request refused" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands a same-origin write and its context to the handler", async () => {
    const handler = vi.fn(async (request: Request, context: { params: Promise<{ id: string }> }) => Response.json({ id: (await context.params).id, body: await request.text() }));
    const response = await withErrors(handler)(post({ origin: "http://127.0.0.1:3200" }), { params: Promise.resolve({ id: "p1" }) });
    expect(await response.json()).toEqual({ id: "p1", body: "{}" });
  });

  it("answers an unexpected failure with an error id and no stack trace", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await withErrors(async () => {
      throw new Error("secret detail at /work/lib/db.ts:12");
    })(new Request(url), {});
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).toMatch(/error id [0-9a-f-]{36}/);
    expect(text).not.toMatch(/secret detail|\.ts:\d|at /);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
