import type { CapabilityStatement } from "@medplum/fhirtypes";
import type { Bundle, BundleEntry } from "./types";

/**
 * The FHIR read API's pure parts: the searchset Bundle of a page of a patient's resources, with the
 * links a client follows (self, first, previous, next), and the CapabilityStatement that says what the
 * server does. Paging is by `_count` and `_offset` (as HAPI FHIR and Medplum page).
 */

export const everythingPage = { defaultCount: 100, maxCount: 1000 } as const;

export interface PageRequest {
  /** The request's own URL: the links keep its other parameters. */
  url: URL;
  offset: number;
  count: number;
}

function pageUrl(url: URL, offset: number, count: number): string {
  const next = new URL(url);
  next.searchParams.set("_offset", String(offset));
  next.searchParams.set("_count", String(count));
  return next.toString();
}

export function searchsetBundle(entries: readonly BundleEntry[], total: number, page: PageRequest, timestamp?: string): Bundle {
  const { url, offset, count } = page;
  const link = [
    { relation: "self", url: pageUrl(url, offset, count) },
    { relation: "first", url: pageUrl(url, 0, count) },
    ...(offset > 0 ? [{ relation: "previous", url: pageUrl(url, Math.max(0, offset - count), count) }] : []),
    ...(offset + count < total ? [{ relation: "next", url: pageUrl(url, offset + count, count) }] : []),
  ];
  return {
    resourceType: "Bundle",
    type: "searchset",
    ...(timestamp ? { timestamp } : {}),
    total,
    link,
    entry: entries.map((e) => ({ ...e, search: { mode: "match" } })),
  };
}

/** What the read API offers (FHIR R4 4.0.1, JSON): Patient/{id}/$everything, behind the app's own sign-in. */
export function capabilityStatement(baseUrl: string, date: string, version: string): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date,
    publisher: "Flarewatch",
    kind: "instance",
    software: { name: "Flarewatch", version },
    implementation: { description: "Flarewatch FHIR read API: a patient's course as FHIR R4, mCODE where a profile fits", url: baseUrl },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json"],
    rest: [
      {
        mode: "server",
        documentation: "Sign in as for the web app (session cookie). A patient outside the user's care teams answers 404, as one that does not exist. Every read is audited.",
        security: { cors: false, description: "Session cookie from POST /api/v1/session; SMART on FHIR is planned." },
        resource: [
          {
            type: "Patient",
            operation: [
              {
                name: "everything",
                definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                documentation: "The patient's current record as a searchset Bundle: _since (instant; resources recorded since), _count (1–1000, default 100), _offset (paging).",
              },
            ],
          },
        ],
      },
    ],
  };
}
