import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/app/_components/pager";
import { requestContext } from "@/app/_server/context";
import { mayWriteClinical } from "@/lib/auth";
import { activeAlertCounts, clinicToday, listAlertPage } from "@/lib/patients";
import { AlertList } from "./_components/alert-list";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

const statusOptions = [
  ["active", "Open and acknowledged"],
  ["open", "Open"],
  ["acknowledged", "Acknowledged"],
  ["resolved", "Resolved by imaging"],
  ["dismissed", "Resolved by a clinician"],
  ["all", "All"],
] as const;

/** The inbox's address: its filters and, for a later page, the cursor. */
function inboxHref(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return `/alerts?${search.toString()}`;
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string; priority?: string; after?: string; before?: string }> }) {
  const { status = "active", priority = "any", after, before } = await searchParams;
  const ctx = await requestContext();
  // One page, read along the alert index (high priority first, then the longest open); the counts come from the patient summaries.
  const [result, counts] = await Promise.all([listAlertPage(ctx, { status, priority, after, before }), activeAlertCounts(ctx)]);
  const alerts = result.ok ? result.value.alerts : [];
  const page = result.ok ? result.value : undefined;
  return (
    <>
      <h1>Alerts</h1>
      <p className="muted">
        Dermatomyositis worse than its best since the last scan that could answer whether the cancer is progressing (re-imaging may be worth
        considering), muscle findings on a checkpoint inhibitor (urgent), and cancer screening due or overdue when dermatomyositis comes without a
        cancer on record (IMACS 2023). High priority first, then the longest open; alerts open longer than the
        set number of days are marked overdue.{" "}
        <Link href="/alerts/settings">Thresholds</Link> · <Link href="/alerts/backtest">Backtest</Link> · <a href="/api/v1/alerts.csv">Open alerts as CSV</a>
      </p>
      <form className="toolbar" action="/alerts">
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status}>
            {statusOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="priority">Priority</label>
          <select id="priority" name="priority" defaultValue={priority}>
            <option value="any">Any</option>
            <option value="high">High</option>
            <option value="normal">Normal</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
      </form>
      {!result.ok ? <p className="field-error">{result.error.message}</p> : null}
      <p role="status">
        {counts.open} open alert{counts.open === 1 ? "" : "s"} on your patients, {counts.high} high priority.
        {alerts.length > 0 ? ` This page: ${alerts.length} alert${alerts.length === 1 ? "" : "s"}, ${alerts.filter((a) => a.priority === "high").length} high priority.` : ""}
      </p>
      {alerts.length === 0 ? <p className="empty">No alerts match.</p> : <AlertList alerts={alerts} today={clinicToday()} canAct={mayWriteClinical(ctx.actor)} />}
      <Pager
        label="Pages of the alert inbox"
        previous={page?.previous ? inboxHref({ status, priority, before: page.previous }) : undefined}
        next={page?.next ? inboxHref({ status, priority, after: page.next }) : undefined}
      />
    </>
  );
}
