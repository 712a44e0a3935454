"use client";

import { useState } from "react";
import { Form } from "@/app/_components/form";
import { formatUtc } from "../_components/instant";
import { verifyChainAction, type ChainCheck } from "./actions";

/** Walks the whole hash chain on request (it reads every row, so not on every page load). */
export function VerifyChain() {
  const [check, setCheck] = useState<ChainCheck | undefined>();
  return (
    <div className="verify-chain">
      <Form action={verifyChainAction} idPrefix="chain" submitLabel="Verify the chain" pendingLabel="Verifying…" summaryTitle="Not verified" onSuccess={setCheck} />
      <div role="status" className="chain-result">
        {check?.intact ? (
          <p className="notice">
            Intact: all {check.checked.toLocaleString("en-GB")} rows checked, every link holds (at {formatUtc(check.at, true)} UTC).
          </p>
        ) : null}
        {check && !check.intact ? (
          <p className="chain-broken">
            <strong>Broken</strong> after {check.checked.toLocaleString("en-GB")} rows checked: {check.problem} Rows from there on cannot be trusted; keep the
            database as it is and tell your information governance lead.
          </p>
        ) : null}
      </div>
    </div>
  );
}
