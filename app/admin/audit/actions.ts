"use server";

import { requestContext } from "@/app/_server/context";
import { verifyAudit } from "@/lib/admin";

export interface ChainState {
  checked?: number;
  intact?: boolean;
  message?: string;
  at?: string;
}

export async function verifyChainAction(): Promise<ChainState> {
  const result = await verifyAudit(await requestContext());
  const at = new Date().toISOString();
  if (!result.ok) return { message: result.error.message, at };
  const { checked, problem } = result.value;
  return { checked, intact: problem === null, message: problem?.message, at };
}
