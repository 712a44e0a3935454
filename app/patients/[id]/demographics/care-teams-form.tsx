"use client";

import { Checklist, Form, type FormAction } from "@/app/_components/form";

/** The patient's care teams among the writer's own: tick to add, untick to remove. */
export function CareTeamsForm({ action, offered, current, others }: { action: FormAction; offered: { id: string; name: string }[]; current: string[]; others: string[] }) {
  return (
    <Form action={action} idPrefix="teams" initialValues={{ teamIds: current }} submitLabel="Save care teams">
      <Checklist
        name="teamIds"
        label="Care teams that see this patient"
        hint={
          <>
            Only your own teams are listed. A patient keeps at least one of your teams while you change them; an administrator moves patients between
            other teams (Admin › Care teams).
            {others.length > 0 ? ` Also in: ${others.join(", ")} (not your teams, left as they are).` : ""}
          </>
        }
        options={offered.map((team) => ({ value: team.id, label: team.name }))}
        empty="You are in no care team, so there is none to add."
      />
    </Form>
  );
}
