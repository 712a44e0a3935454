"use client";

import { useState } from "react";
import { Form, TextField } from "@/app/_components/form";
import { changePasswordAction, confirmEnrolmentAction, startEnrolmentAction, type Enrolment } from "./actions";

export function ChangePasswordForm() {
  return (
    <Form action={changePasswordAction} idPrefix="account-password" submitLabel="Change password" summaryTitle="Password not changed" resetOnSuccess>
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" width="medium" />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        hint="At least 12 characters; not a common password and not built from your name or email. A few unrelated words work well."
        autoComplete="new-password"
        width="medium"
      />
    </Form>
  );
}

export function TwoFactorEnrolment() {
  const [started, setStarted] = useState<Enrolment | undefined>();
  if (!started) {
    return (
      <Form action={startEnrolmentAction} idPrefix="enrol" submitLabel="Set up an authenticator app" pendingLabel="Setting up…" summaryTitle="Not set up" onSuccess={setStarted}>
        <TextField name="password" label="Your password" type="password" hint="To confirm it is you before adding a second factor." autoComplete="current-password" width="medium" />
      </Form>
    );
  }
  return (
    <div>
      <h2>1. Add Flarewatch to your authenticator app</h2>
      <p>Scan this code with an authenticator app (for example Microsoft Authenticator, Google Authenticator or FreeOTP), or type the key below.</p>
      {/* The SVG is generated on the server by the qrcode package from the otpauth URI. */}
      <div className="qr" role="img" aria-label="QR code of the authenticator key" dangerouslySetInnerHTML={{ __html: started.qrSvg }} />
      <p>
        Key (spaces do not matter): <code data-testid="totp-secret" className="totp-key">{started.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <h2>2. Keep these backup codes</h2>
      <p>Each code signs you in once if you lose your phone. Keep them somewhere safe; they are not shown again.</p>
      <ul className="backup-codes">
        {started.backupCodes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <h2>3. Enter the code your app shows</h2>
      <Form action={confirmEnrolmentAction} idPrefix="enrol-code" submitLabel="Turn on two-factor sign-in" pendingLabel="Checking…" summaryTitle="Not turned on">
        <TextField name="code" label="6-digit code" autoComplete="one-time-code" width="medium" />
      </Form>
    </div>
  );
}
