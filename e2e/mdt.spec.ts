import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { seriousAxeViolations } from "./data-entry-helpers";
import { referenceCaseId as seedCaseId } from "./support/fixtures";

/**
 * The MDT pack of the seed case (prisma/seed/seed-case.ts) printed to PDF on A4 and on Letter: the key
 * facts must be in the PDF's text (pdftotext, Debian's poppler-utils), and the chart inside the page.
 */

const keyFacts = [
  "REFERENCE, Case",
  "FW-0001",
  "Leiomyosarcoma",
  "PD",
  "18 Aug 2020",
  "CK 695 U/L",
  "25–200 U/L",
  "trabectedin",
  "prednisolone 15 mg/day",
  "Skin grade 2 → 2",
  "Skin grade 3 on 3 Aug 2020, against skin grade 0",
];

test("the MDT pack prints on A4 and Letter with the seed case's key facts", async ({ page }, testInfo) => {
  const id = await seedCaseId(page.request);
  await page.goto(`/patients/${id}`);
  await page.getByRole("link", { name: "MDT summary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /MDT summary: REFERENCE, Case/ })).toBeVisible();
  // No spec writes into the reference case, so its pack opens on the last year of the course as published.
  await expect(page.getByText("Window 16 Nov 2019 – 16 Nov 2020")).toBeVisible();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.emulateMedia({ media: "print" });
  // Nothing of the chart runs past the pack's column (180 mm, inside the printable width of both papers).
  const overflow = await page.evaluate(() => {
    const pack = document.querySelector("article")!.getBoundingClientRect();
    return [...document.querySelectorAll("article svg")].map((svg) => svg.getBoundingClientRect()).filter((box) => box.right > pack.right + 1 || box.left < pack.left - 1).length;
  });
  expect(overflow).toBe(0);

  // Each lane of the chart as printed: its height, and where its title sits inside it (CSS px; the pack's
  // column has the same width on screen-as-print and in the PDF).
  const lanes = await page.evaluate(() =>
    [...document.querySelectorAll("article [data-lane]")].map((lane) => {
      const box = lane.getBoundingClientRect();
      const title = lane.querySelector("[data-export=lane-title]")!;
      return { title: title.textContent!.trim(), height: box.height, titleOffset: title.getBoundingClientRect().top - box.top };
    }),
  );
  expect(lanes.length).toBeGreaterThanOrEqual(5);

  const printed = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(new Date()).replace("Sept", "Sep");
  for (const format of ["A4", "Letter"] as const) {
    const file = testInfo.outputPath(`mdt-${format}.pdf`);
    fs.writeFileSync(file, await page.pdf({ format, printBackground: true }));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const fact of keyFacts) expect(text, `${format} PDF`).toContain(fact);
    // Navigation and the window form are screen-only.
    expect(text).not.toContain("Show window");

    // Every page carries the patient, identifier, birth date, window, print date and "page N of M".
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
    expect(pages, `${format} pages`).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) {
      const pageText = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      for (const running of ["REFERENCE, Case", "FW-0001", "born 14 Sep 1976", "window 16 Nov 2019 – 16 Nov 2020", `Printed ${printed}`, `page ${n} of ${pages}`]) {
        expect(pageText, `${format} page ${n}`).toContain(running);
      }
    }
    // Line labels are whole.
    expect(text).toContain("Line 2: trabectedin");

    // No lane is cut across pages: from where its title is printed, the whole lane fits above the page's
    // bottom margin (14 mm, print.ts). Positions from pdftotext's bounding boxes, in points (1 CSS px = 0.75 pt).
    const bottomMargin = 14 * (72 / 25.4);
    const placed = new Map<string, { page: number; bottom: number; pageHeight: number }>();
    for (let n = 2; n <= pages; n++) {
      const layout = execFileSync("pdftotext", ["-bbox-layout", "-enc", "UTF-8", "-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" });
      const pageHeight = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(layout)![1]);
      for (const line of layout.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)) {
        const words = [...line[2].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(" ");
        // The title is a line of its own (the legend beside it is another); the summary's headings
        // ("Immunosuppression on 16 Nov 2020") are not lane titles.
        const lane = lanes.find((l) => words === l.title && !placed.has(l.title));
        if (!lane) continue;
        const top = Number(line[1]) - lane.titleOffset * 0.75;
        placed.set(lane.title, { page: n, bottom: top + lane.height * 0.75, pageHeight });
      }
    }
    for (const lane of lanes) {
      const at = placed.get(lane.title);
      expect(at, `${format}: lane "${lane.title}" printed`).toBeDefined();
      expect(at!.bottom, `${format}: lane "${lane.title}" on page ${at!.page} ends inside the page`).toBeLessThanOrEqual(at!.pageHeight - bottomMargin + 2);
    }
  }
});

test("the window comes from ?from=&to=, and the summary tells the state at its end", async ({ page }) => {
  const id = await seedCaseId(page.request);
  await page.goto(`/patients/${id}/mdt?from=2020-06-01&to=2020-08-10`);
  await expect(page.getByText("Window 1 Jun 2020 – 10 Aug 2020")).toBeVisible();
  // On 10 Aug 2020 the CT of 18 Aug had not happened: the last response was SD, skin 0 → 3.
  await expect(page.getByText(/CT 4 Jun 2020: RECIST 1\.1 SD/)).toBeVisible();
  await expect(page.getByText(/Skin grade 0 → 3/)).toBeVisible();
  await expect(page.getByText(/prednisolone 40 mg\/day oral/)).toBeVisible();
});
