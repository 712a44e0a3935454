"use server";

import { requestContext } from "@/app/_server/context";
import type { FormState } from "@/app/_components/form/form-values";
import { verifyAudit } from "@/lib/admin";

/** What walking the chain found: how many rows, whether every link holds, and when it was checked. */
export interface ChainCheck {
  checked: number;
  intact: boolean;
  problem?: string;
  at: string;
}

export async function verifyChainAction(): Promise<FormState<ChainCheck>> {
  const result = await verifyAudit(await requestContext());
  if (!result.ok) return { ok: false, fieldErrors: {}, values: {}, message: result.error.message };
  const { checked, problem } = result.value;
  return { ok: true, data: { checked, intact: problem === null, problem: problem?.message, at: new Date().toISOString() } };
}
