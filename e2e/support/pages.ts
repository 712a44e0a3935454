import { expect, type Locator, type Page } from "@playwright/test";

/** The patient page: header, flash messages, the event table and its links to the forms. */
export class PatientPage {
  constructor(
    readonly page: Page,
    readonly patientId: string,
  ) {}

  async goto(query = "") {
    await this.page.goto(`/patients/${this.patientId}${query}`);
    return this;
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole("heading", { name, level: 1 });
  }

  /** The one-line confirmation after a save ("Flare logged.", "Imaging saved."). */
  flash(text: string): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** Rows of the event table whose text contains `text`. */
  eventRows(text: string | RegExp): Locator {
    return this.page.locator("table.events tbody tr").filter({ hasText: text });
  }

  eventCell(name: string | RegExp): Locator {
    return this.page.getByRole("cell", { name });
  }

  async addImaging(): Promise<EventForm> {
    await this.page.getByRole("link", { name: "Add imaging" }).click();
    await expect(this.page.getByRole("heading", { name: /New imaging/, level: 1 })).toBeVisible();
    return new EventForm(this.page, this.patientId, "imaging");
  }
}

/** The quick flare form (skin, muscle and CK on one page). */
export class FlareForm {
  constructor(
    readonly page: Page,
    readonly patientId: string,
  ) {}

  async goto() {
    await this.page.goto(`/patients/${this.patientId}/flare`);
    await expect(this.page.getByRole("heading", { name: /Log a flare/, level: 1 })).toBeVisible();
    return this;
  }

  field(label: string, exact = false): Locator {
    return this.page.getByLabel(label, { exact });
  }

  async submit() {
    await this.page.getByRole("button", { name: "Log flare" }).click();
  }

  /** The error summary shown after a refused submit. */
  errorSummary(): Locator {
    return this.page.locator(".error-summary");
  }
}

/** A new-event form (`/patients/{id}/events/new?kind=…`). */
export class EventForm {
  constructor(
    readonly page: Page,
    readonly patientId: string,
    readonly kind: string,
  ) {}

  async goto() {
    await this.page.goto(`/patients/${this.patientId}/events/new?kind=${this.kind}`);
    await expect(this.saveButton()).toBeVisible();
    return this;
  }

  field(label: string, exact = false): Locator {
    return this.page.getByLabel(label, { exact });
  }

  saveButton(): Locator {
    return this.page.getByRole("button", { name: "Save" });
  }

  async save() {
    await this.saveButton().click();
  }
}

/** The alerts inbox (`/alerts`): one card per alert, found by the patient's name. */
export class AlertsInbox {
  constructor(readonly page: Page) {}

  async goto(status?: "resolved" | "acknowledged" | "dismissed") {
    await this.page.goto(status ? `/alerts?status=${status}` : "/alerts");
    return this;
  }

  card(patientName: string): Locator {
    return this.page.getByRole("listitem").filter({ hasText: patientName });
  }

  async acknowledge(patientName: string, note: string) {
    const card = this.card(patientName);
    await card.getByText("Acknowledge or resolve").click();
    await card.getByLabel("Acknowledge with a note").fill(note);
    await card.getByRole("button", { name: "Acknowledge" }).click();
  }
}
