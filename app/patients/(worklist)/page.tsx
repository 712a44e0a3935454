import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/app/_components/pager";
import "@/app/_components/data-entry.css";
import "../_worklist/worklist.css";
import { requestContext } from "@/app/_server/context";
import { mayWriteClinical } from "@/lib/auth";
import { replaceUnsafeText } from "@/lib/events";
import { listWorklist } from "@/lib/patients";
import { naturalDirection, type WorklistSort } from "@/lib/patients/worklist";
import { WorklistTable, sortLabels } from "../_worklist/WorklistTable";
import { worklistHref, type WorklistParams } from "../_worklist/href";

export const metadata: Metadata = { title: "Patients" };
export const dynamic = "force-dynamic";

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params: WorklistParams = {
    q: one(raw.q),
    sort: one(raw.sort),
    dir: one(raw.dir),
    team: one(raw.team),
    open: one(raw.open),
    overdue: one(raw.overdue),
    dm: one(raw.dm),
    cancer: one(raw.cancer),
  };
  const ctx = await requestContext();
  const canWrite = mayWriteClinical(ctx.actor);
  const listed = await listWorklist(ctx, { ...params, after: one(raw.after), before: one(raw.before) });
  const page = listed.ok ? listed.value : undefined;
  const fieldErrors = !listed.ok && listed.error.kind === "invalid" ? listed.error.fieldErrors : {};
  const problem = listed.ok ? undefined : (Object.values(fieldErrors).flat()[0] ?? listed.error.message);
  const q = params.q;
  const filtered = Boolean(q?.trim() || params.team || params.open || params.overdue || params.dm || params.cancer?.trim());
  const sort = (page?.sort ?? "alerts") as WorklistSort;
  const dir = page?.dir ?? naturalDirection(sort);
  const shown = (value: string | undefined) => (value === undefined ? undefined : replaceUnsafeText(value));
  return (
    <>
      <div className="worklist-head">
        <h1>Patients</h1>
        {canWrite ? (
          <Link href="/patients/new" className="button no-print" prefetch={false}>
            New patient
          </Link>
        ) : null}
      </div>
      <form className="worklist-filters no-print" role="search" action="/patients" aria-label="Find and filter patients">
        <div>
          <label htmlFor="q">Find a patient</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={shown(q)}
            placeholder="Name, identifier, birth date or diagnosis"
            aria-invalid={fieldErrors.q ? true : undefined}
            aria-describedby={fieldErrors.q ? "q-error" : "q-hint"}
          />
          <span id="q-hint" className="visually-hidden">
            For example Grace Adebayo, Adebayo G, FW-0001, 12 Mar 1961 or leiomyosarcoma
          </span>
        </div>
        {page && page.teams.length > 1 ? (
          <div>
            <label htmlFor="team">Care team</label>
            <select id="team" name="team" defaultValue={params.team ?? ""}>
              <option value="">All my teams</option>
              {page.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="cancer">Cancer type</label>
          <input id="cancer" name="cancer" type="text" defaultValue={shown(params.cancer)} placeholder="e.g. sarcoma" />
        </div>
        <div>
          <label htmlFor="dm">Dermatomyositis</label>
          <select id="dm" name="dm" defaultValue={params.dm ?? ""}>
            <option value="">Any</option>
            <option value="yes">DM on record</option>
            <option value="no">No DM</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" name="open" value="1" defaultChecked={params.open === "1"} /> Open alerts
        </label>
        <label className="check">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.overdue === "1"} aria-describedby="overdue-hint" /> Imaging overdue
        </label>
        <div>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={sort}>
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
        {filtered ? (
          <Link href={worklistHref({ sort: params.sort, dir: params.dir })} className="button secondary">
            Clear
          </Link>
        ) : null}
        <p id="overdue-hint" className="small muted" style={{ flexBasis: "100%", margin: 0 }}>
          Imaging overdue: a cancer on record and no scan that answers “is the cancer progressing?” in the last {page?.imagingOverdueDays ?? 90} days (or none at all).
        </p>
      </form>
      {problem ? (
        <p className="field-error" id="q-error" role="alert">
          {problem}
        </p>
      ) : !page || page.rows.length === 0 ? (
        <p className="empty">{q ? `No patient of your care teams matches “${shown(q)}”.` : filtered ? "No patient of your care teams matches these filters." : "No patients in your care teams yet."}</p>
      ) : (
        <>
          <WorklistTable page={page} params={params} sort={sort} dir={dir} canWrite={canWrite} q={shown(q?.trim() || undefined)} />
          <Pager
            label="Pages of the patient list"
            previous={page.previous ? worklistHref({ ...params, before: page.previous }) : undefined}
            next={page.next ? worklistHref({ ...params, after: page.next }) : undefined}
          />
        </>
      )}
    </>
  );
}
