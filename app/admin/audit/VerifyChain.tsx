"use client";

import { useActionState } from "react";
import { formatUtc } from "../_components/instant";
import { verifyChainAction, type ChainState } from "./actions";

/** Walks the whole hash chain on request (it reads every row, so not on every page load). */
export function VerifyChain() {
  const [state, verify, pending] = useActionState<ChainState>(verifyChainAction, {});
  return (
    <form action={verify} className="verify-chain">
      <button type="submit" className="secondary" aria-disabled={pending || undefined} disabled={pending}>
        {pending ? "Verifying…" : "Verify the chain"}
      </button>
      <div role="status" className="chain-result">
        {state.at && state.intact ? (
          <p className="notice">
            Intact: all {state.checked?.toLocaleString("en-GB")} rows checked, every link holds (at {formatUtc(state.at, true)} UTC).
          </p>
        ) : null}
        {state.at && state.intact === false ? (
          <p className="chain-broken">
            <strong>Broken</strong> after {state.checked?.toLocaleString("en-GB")} rows checked: {state.message} Rows from there on cannot be trusted; keep
            the database as it is and tell your information governance lead.
          </p>
        ) : null}
        {state.at && state.intact === undefined ? <p className="field-error">{state.message}</p> : null}
      </div>
    </form>
  );
}
