import Link from "next/link";
import { formatClinicalDate } from "@/lib/events";
import type { ScreeningView } from "@/lib/patients";
import { itemStatusNames, panelWords, riskCategoryNames, screeningItemNames, type ItemStatus, type ScreeningPlan as Plan } from "@/lib/screening";
import styles from "./screening.module.css";

const statusClass: Record<ItemStatus, string> = {
  done: styles.done,
  due: styles.due,
  overdue: styles.overdue,
  "not-yet-due": styles.notYetDue,
  closed: styles.closed,
};

/**
 * Cancer screening when dermatomyositis comes first (docs/screening.md): the IMACS risk category with
 * the reasons behind it, and the plan as a checklist by round with what was recorded and when. Computed
 * by the server against the clinic's today at every read (in the page's one audited read); nothing is shown for a patient the plan does
 * not apply to except the reason why.
 */
export function ScreeningSection({ screening }: { screening: ScreeningView }) {
  const { plan, settings } = screening;
  if (plan.state === "not-applicable" && !plan.onset) return null;
  return (
    <section aria-labelledby="screening-heading" id="screening">
      <h2 id="screening-heading">Cancer screening</h2>
      <ScreeningBody plan={plan} graceDays={settings.screeningGraceDays} />
    </section>
  );
}

function ScreeningBody({ plan, graceDays }: { plan: Plan; graceDays: number }) {
  if (plan.state === "not-applicable" || !plan.risk || !plan.onset) return <p>{plan.note}</p>;
  const risk = plan.risk;
  return (
    <>
      <p>
        <strong>{riskCategoryNames[risk.category]} risk</strong> of cancer associated with dermatomyositis (IMACS 2023), counted from the dermatomyositis diagnosis on{" "}
        {formatClinicalDate(plan.onset.date)}; the screening window runs to {formatClinicalDate(plan.windowEnd!)}.
        {plan.state === "closed" ? <> {plan.note}</> : null}
        {plan.state === "completed" ? <> Every planned item is recorded.</> : null}
      </p>
      {risk.reasons.length > 0 ? (
        <ul className={styles.reasons} aria-label="Why this risk category">
          {risk.reasons.map((reason) => (
            <li key={`${reason.factor}-${reason.eventId ?? ""}`}>
              {reason.text} <span className="muted small">({reason.weight}-risk factor)</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No high- or moderate-risk factor is recorded.</p>
      )}
      {plan.rounds.map((round) => (
        <div key={round.id} className={styles.round}>
          <h3>
            {round.label.charAt(0).toUpperCase() + round.label.slice(1)}: {formatClinicalDate(round.date)}
            <span className="muted small"> · {panelWords(round.panels)}</span>
          </h3>
          <ul className={styles.items} aria-label={`Screening ${round.label}`}>
            {round.items.map((item) => {
              // "Consider" items (PET-CT, GI endoscopy) are advice, never overdue: they say so.
              const toConsider = !item.required && (item.status === "due" || item.status === "overdue");
              return (
              <li key={item.id} className={styles.item}>
                <span className={`${styles.status} ${toConsider ? styles.notYetDue : statusClass[item.status]}`}>{toConsider ? "To consider" : itemStatusNames[item.status]}</span>
                <span>
                  {screeningItemNames[item.id]}
                  {toConsider
                    ? " (not recorded; IMACS 2023 advises considering it at high risk)"
                    : item.status === "done"
                    ? `: ${item.doneBy.map((e) => `${e.label} (${formatClinicalDate(e.date)})`).join(", ")}`
                    : item.status === "due"
                      ? ` (overdue after ${formatClinicalDate(round.overdueAfter)})`
                      : item.status === "overdue"
                        ? ` (not recorded ${graceDays} days after ${formatClinicalDate(round.date)})`
                        : item.status === "not-yet-due"
                          ? ` (due from ${formatClinicalDate(round.dueFrom)})`
                          : ""}
                </span>
              </li>
              );
            })}
          </ul>
        </div>
      ))}
      <p className="muted small">
        A study counts for a round when it is recorded with its date (CT with region thorax/abdomen/pelvis, X-ray chest, tumour-marker results,
        procedures marked as screening). How each item is decided: <Link href="/alerts/settings" prefetch={false}>alert thresholds</Link>, groups “Cancer screening”.
      </p>
    </>
  );
}
