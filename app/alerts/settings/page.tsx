import type { Metadata } from "next";
import { requestContext } from "@/app/_server/context";
import { mayAdminister } from "@/lib/auth";
import { alertSettingFields, settingGroupNames, type SettingGroup } from "@/lib/alerts";
import { getAlertSettings } from "@/lib/patients";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Alert thresholds" };
export const dynamic = "force-dynamic";

export default async function AlertSettingsPage() {
  const ctx = await requestContext();
  const { version, settings } = await getAlertSettings(ctx);
  const canChange = mayAdminister(ctx.actor);
  const groups = (Object.keys(settingGroupNames) as SettingGroup[]).map((group) => ({
    name: settingGroupNames[group],
    fields: alertSettingFields.filter((field) => field.group === group),
  }));
  return (
    <>
      <h1>Alert thresholds</h1>
      <p className="muted">
        {version === 0 ? "The defaults are in force." : `Version ${version} is in force.`} Saving makes a new version; every alert records the
        version that produced it. Only administrators can change the thresholds.
      </p>
      {canChange ? (
        <SettingsForm groups={groups} values={settings as unknown as Record<string, number | string[]>} />
      ) : (
        groups.map((group) => (
          <section key={group.name} className="settings-group">
            <h2>{group.name}</h2>
            <dl className="facts-list">
              {group.fields.map((field) => {
                const value = (settings as unknown as Record<string, number | string[]>)[field.key];
                return (
                  <div key={field.key} style={{ display: "contents" }}>
                    <dt>{field.label}</dt>
                    <dd>
                      {Array.isArray(value)
                        ? value.map((v) => (field.type === "choices" ? (field.options.find((o) => o.value === v)?.label ?? v) : v)).join(", ") || "none"
                        : `${value} ${"unit" in field ? (field.unit ?? "") : ""}`}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))
      )}
    </>
  );
}
