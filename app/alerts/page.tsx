import type { Metadata } from "next";
import Link from "next/link";
import { requestContext } from "@/app/_server/context";
import { mayWriteClinical } from "@/lib/auth";
import { clinicToday, listAlerts } from "@/lib/patients";
import { AlertList } from "./_components/AlertList";

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

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string; priority?: string }> }) {
  const { status = "active", priority = "any" } = await searchParams;
  const ctx = await requestContext();
  const result = await listAlerts(ctx, { status, priority });
  const alerts = result.ok ? result.value : [];
  return (
    <>
      <h1>Alerts</h1>
      <p className="muted">
        Dermatomyositis worse than its best since the last scan that could answer whether the cancer is progressing (re-imaging may be worth
        considering), and muscle findings on a checkpoint inhibitor (urgent). High priority first, then the oldest first finding; alerts open longer than the
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
        {alerts.length} alert{alerts.length === 1 ? "" : "s"}
        {alerts.length > 0 ? `, ${alerts.filter((a) => a.priority === "high").length} high priority` : ""}
      </p>
      {alerts.length === 0 ? <p className="empty">No alerts match.</p> : <AlertList alerts={alerts} today={clinicToday()} canAct={mayWriteClinical(ctx.actor)} />}
    </>
  );
}
