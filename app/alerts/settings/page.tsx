import type { Metadata } from "next";
import { requestContext } from "@/app/_server/context";
import { alertSettingFields, settingGroupNames, type SettingGroup } from "@/lib/alerts";
import { getAlertSettings } from "@/lib/patients";
import { SettingsForm } from "./SettingsForm";

export const metadata: Metadata = { title: "Alert thresholds" };
export const dynamic = "force-dynamic";

export default async function AlertSettingsPage() {
  const { version, settings } = await getAlertSettings(await requestContext());
  const groups = (Object.keys(settingGroupNames) as SettingGroup[]).map((group) => ({
    name: settingGroupNames[group],
    fields: alertSettingFields.filter((field) => field.group === group),
  }));
  return (
    <>
      <h1>Alert thresholds</h1>
      <p className="muted">
        {version === 0 ? "The defaults are in force." : `Version ${version} is in force.`} Saving makes a new version; every alert records the
        version that produced it. (Until sign-in exists anyone may change these; with roles, only admins will.)
      </p>
      <SettingsForm groups={groups} values={settings as unknown as Record<string, number | string[]>} />
    </>
  );
}
