import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seedCaseId } from "./data-entry-helpers";
import { signInAsAdmin } from "./support/users";

/**
 * The security headers (proxy.ts, next.config.ts) and the API's cross-site write check
 * (app/api/_http/origin.ts). Only relies on pages being reachable, so it runs as well with a signed-in
 * storage state as without one.
 */

const SECURITY_HEADERS = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  "cross-origin-opener-policy": "same-origin",
};

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

/** Checks the headers of a response and answers the nonce its policy allows scripts by. */
function expectSecureHeaders(headers: Record<string, string>): string {
  expect(headers).toMatchObject(SECURITY_HEADERS);
  const policy = directives(headers["content-security-policy"] ?? "");
  const scripts = policy.get("script-src") ?? [];
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain("*");
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:", "blob:"]));
  const nonces = scripts.filter((s) => s.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  const nonce = /^'nonce-([A-Za-z0-9+/=_-]{16,})'$/.exec(nonces[0])?.[1];
  expect(nonce, "a nonce of at least 16 base64 characters").toBeTruthy();
  return nonce!;
}

/** Every CSP violation the page reports, in the console or as a securitypolicyviolation event. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) seen.push(message.text());
  });
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

/** Patients whose identifier is one of these: other tests create patients meanwhile, so a refusal is shown by its own identifiers, not by the whole list. */
async function patientsNamed(request: APIRequestContext, identifiers: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const identifier of identifiers) {
    const response = await request.get(`/api/v1/patients?q=${encodeURIComponent(identifier)}`);
    expect(response.status()).toBe(200);
    found.push(...((await response.json()) as { identifier: string }[]).map((p) => p.identifier).filter((i) => i === identifier));
  }
  return found;
}

const patientBody = (identifier: string) => ({ identifier, familyName: "Csrf", givenName: "Test", sex: "female", birthDate: "1980-02-29" });
const uniqueIdentifier = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

test("every page carries the security headers and a nonce-only script policy that its scripts satisfy", async ({ page }) => {
  const violations = await watchForViolations(page);
  const paths = ["/patients", `/patients/${await seedCaseId(page.request)}`, "/alerts"];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const nonce = expectSecureHeaders(response!.headers());

    // As served: every <script> tag in the HTML carries this response's nonce.
    const html = await response!.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, `${path} has scripts`).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
    // As run: every script element in the live document, including those added while hydrating.
    await page.waitForLoadState("networkidle");
    // Next's runtime loads some chunks later (the error boundary's, for one) as scripts of its own: no
    // nonce, but our own code from /_next/static, which 'strict-dynamic' lets a trusted script load. Any
    // other script must carry the nonce, and nothing may be refused (the violation check below).
    const live = await page.evaluate(() => [...document.scripts].map((s) => ({ nonce: s.nonce, src: s.src })));
    expect(live.length).toBeGreaterThan(0);
    for (const script of live) {
      if (script.nonce === "" && new URL(script.src || "about:blank", page.url()).pathname.startsWith("/_next/static/chunks/") && new URL(script.src).origin === new URL(page.url()).origin) continue;
      expect(script.nonce, `${path}: ${script.src || "inline script"}`).toBe(nonce);
    }
    expect(await violations(), path).toEqual([]);
  }
});

test("no other page reports a CSP violation either", async ({ page }) => {
  const violations = await watchForViolations(page);
  const id = await seedCaseId(page.request);
  for (const path of ["/", "/import", "/alerts/settings", `/patients/${id}/flare`, `/patients/${id}/events/new?kind=lab_result`, `/patients/${id}/mdt`, "/no-such-page"]) {
    const response = await page.goto(path);
    expectSecureHeaders(response!.headers());
    await page.waitForLoadState("networkidle");
    expect(await violations(), path).toEqual([]);
  }
});

test("each request gets a fresh nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) nonces.add(expectSecureHeaders((await request.get("/patients")).headers()));
  expect(nonces.size).toBe(3);
});

test("the patient page hydrates under the policy: the chart's presets work and nothing is blocked", async ({ page }) => {
  const violations = await watchForViolations(page);
  await page.goto(`/patients/${await seedCaseId(page.request)}`);
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  // Other specs add events to the seed case, so the windows are compared, not spelled out.
  const window = page.getByTestId("chart-window");
  const everything = await window.textContent();
  await page.getByRole("button", { name: "Last 6 months" }).click();
  await expect(page.getByRole("button", { name: "Last 6 months" })).toHaveAttribute("aria-pressed", "true");
  await expect(window).not.toHaveText(everything!);
  await page.getByRole("button", { name: "All" }).click();
  await expect(page.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");
  await expect(window).toHaveText(everything!);
  // The PNG export draws a data: image on a canvas and downloads a blob: URL.
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as PNG" }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(await violations()).toEqual([]);
});

test("API responses carry the security headers too", async ({ request }) => {
  const list = await request.get("/api/v1/patients");
  expect(list.status()).toBe(200);
  expectSecureHeaders(list.headers());
  const refused = await request.post("/api/v1/patients", { headers: { origin: "null", "content-type": "application/json" }, data: patientBody(uniqueIdentifier("HDR")) });
  expectSecureHeaders(refused.headers());
});

test("writes from another origin are refused with 403 before anything is written", async ({ request }) => {
  const attempted = [uniqueIdentifier("NULL"), uniqueIdentifier("EVIL"), uniqueIdentifier("PLAIN")];
  const attempts: { name: string; headers: Record<string, string>; body: string }[] = [
    { name: "Origin: null", headers: { origin: "null", "content-type": "application/json" }, body: JSON.stringify(patientBody(attempted[0])) },
    { name: "another origin", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify(patientBody(attempted[1])) },
    {
      // What a page on another site can send without a CORS preflight.
      name: "cross-site text/plain",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" },
      body: JSON.stringify(patientBody(attempted[2])),
    },
  ];
  for (const attempt of attempts) {
    const response = await request.post("/api/v1/patients", { headers: attempt.headers, data: attempt.body });
    expect(response.status(), attempt.name).toBe(403);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 403, title: "Cross-site request refused" });
  }
  // Every write route is behind the same check.
  const seedCase = await seedCaseId(request);
  const evil = { origin: "https://evil.example" };
  expect((await request.post(`/api/v1/patients/${seedCase}/events`, { headers: evil, data: { kind: "note", occurredAt: "2020-01-01", payload: { text: "x" } } })).status()).toBe(403);
  expect((await request.post(`/api/v1/labs/csv?patient=${seedCase}&commit=true`, { headers: { ...evil, "content-type": "text/plain" }, data: "2020-01-01,ck,100,U/L,25,200" })).status()).toBe(403);
  expect((await request.post("/api/v1/fhir", { headers: { ...evil, "content-type": "application/fhir+json" }, data: "{}" })).status()).toBe(403);
  expect((await request.put("/api/v1/events/00000000-0000-4000-8000-000000000000", { headers: evil, data: {} })).status()).toBe(403);
  expect(await patientsNamed(request, attempted)).toEqual([]);
});

test("a text/plain form posted by a page on another site is refused and writes nothing", async ({ page, baseURL }) => {
  const target = new URL(baseURL!);
  // Another site on this machine: the same server under another host name, a page made up here.
  const attacker = new URL(target.href);
  const forged = uniqueIdentifier("FORM");
  attacker.hostname = target.hostname === "localhost" ? "127.0.0.1" : "localhost";
  await page.route(`${attacker.origin}/attack`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" enctype="text/plain" action="${target.origin}/api/v1/patients">
        <input name='{"identifier":"${forged}","familyName":"Csrf","givenName":"Form","sex":"female","x":"' value='"}'>
        <button>Send</button></form>`,
    }),
  );
  await page.goto(`${attacker.origin}/attack`);
  const [response] = await Promise.all([page.waitForResponse(`${target.origin}/api/v1/patients`), page.getByRole("button", { name: "Send" }).click()]);
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ title: "Cross-site request refused" });
  expect(await patientsNamed(page.request, [forged])).toEqual([]);
});

test("a same-origin fetch from the app's own page still writes", async ({ page }) => {
  await page.goto("/patients");
  const identifier = uniqueIdentifier("SAME");
  const status = await page.evaluate(async (body) => {
    const response = await fetch("/api/v1/patients", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return response.status;
  }, patientBody(identifier));
  expect(status).toBe(201);
  const found = (await (await page.request.get(`/api/v1/patients?q=${identifier}`)).json()) as { identifier: string }[];
  expect(found.map((p) => p.identifier)).toEqual([identifier]);
});

test("every API answer says Cache-Control: no-store, refusals and errors included", async ({ request, playwright, baseURL }) => {
  const id = await seedCaseId(request);
  const answers = [
    await request.get("/api/v1/patients"),
    await request.get(`/api/v1/patients/${id}`),
    await request.get(`/api/v1/patients/${id}/events`),
    await request.get(`/api/v1/patients/${id}/events.csv`),
    await request.get(`/api/v1/patients/${id}/fhir`),
    await request.get("/api/v1/alerts.csv"),
    await request.get("/api/v1/session"),
    await request.get("/api/v1/patients/00000000-0000-4000-8000-000000000000"),
    await request.post("/api/v1/patients", { data: { identifier: "" } }),
  ];
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  answers.push(await anonymous.get("/api/v1/patients"));
  for (const answer of answers) expect(answer.headers()["cache-control"], answer.url()).toBe("no-store");
  await anonymous.dispose();
});

test("a server action posted from another site is refused with 403, not answered with a 500", async ({ request }) => {
  const id = await seedCaseId(request);
  const foreign: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
  for (const headers of foreign) {
    const response = await request.post(`/patients/${id}/flare`, {
      headers: { ...headers, "next-action": "0".repeat(42), "content-type": "multipart/form-data; boundary=x" },
      data: '--x\r\nContent-Disposition: form-data; name="1_note"\r\n\r\nforged\r\n--x--\r\n',
    });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, title: "Cross-site request refused" });
  }
});

test("a forged X-Forwarded-For is not the address in the audit trail", async ({ request, browser, baseURL }, info) => {
  const forged = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
  const probe = uniqueIdentifier("XFFPROBE");
  expect((await request.get(`/api/v1/patients?q=${probe}`, { headers: { "x-forwarded-for": forged } })).status()).toBe(200);
  const admin = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await admin.newPage();
  await signInAsAdmin(page, info.project.name);
  const csv = await (await page.request.get("/admin/audit/export?action=patient.search")).text();
  const row = csv.split("\n").find((line) => line.includes(probe));
  expect(row, "the probe's search is in the trail").toBeTruthy();
  expect(row).not.toContain(forged);
  expect(row).toMatch(/127\.0\.0\.1|::1/);
  expect(csv).not.toContain(forged);
  await admin.close();
});

test("a 50 MB FHIR bundle goes through HTTP whole (past the 10 MiB the proxy used to buffer)", async ({ request }) => {
  test.setTimeout(180_000);
  const id = await seedCaseId(request);
  const course = await (await request.get(`/api/v1/patients/${id}/fhir`)).text();
  const identifier = uniqueIdentifier("BIG");
  // The seed case's whole course under a new identifier, with its entries placed after 50 MB of JSON
  // whitespace: what the importer reads past 10 MiB must arrive byte for byte. (bench:fhir measures
  // bundles that are large because of their resources.)
  const renamed = course.replaceAll('"FW-0001"', JSON.stringify(identifier));
  const at = renamed.indexOf('"entry"');
  const body = Buffer.concat([Buffer.from(renamed.slice(0, at)), Buffer.alloc(50 * 1024 * 1024, " "), Buffer.from(renamed.slice(at))]);
  expect(body.length).toBeGreaterThan(50_000_000);
  const response = await request.post("/api/v1/fhir", { headers: { "content-type": "application/fhir+json" }, data: body, timeout: 170_000 });
  expect(response.status(), (await response.text()).slice(0, 500)).toBe(201);
  const report = await response.json();
  expect(report.patient).toMatchObject({ identifier, status: "created" });
  const events = (JSON.parse(course) as { entry: { resource: { resourceType: string } }[] }).entry.filter((e) => !["Patient", "Flag"].includes(e.resource.resourceType)).length;
  const [imported] = (await (await request.get(`/api/v1/patients?q=${identifier}`)).json()) as { eventCount: number }[];
  expect(imported.eventCount).toBe(events);
});
