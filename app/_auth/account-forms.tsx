"use client";

import { useActionState } from "react";
import { Field } from "./field";
import { changePasswordAction, confirmEnrolmentAction, startEnrolmentAction, type AuthFormState, type EnrolmentState } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="entry-form" noValidate>
      {state.message ? (
        <p className={state.ok ? "notice" : "error-summary"} role="status">
          {state.message}
        </p>
      ) : null}
      <Field id="currentPassword" label="Current password" errors={state.fieldErrors?.currentPassword} autoComplete="current-password" />
      <Field
        id="newPassword"
        label="New password"
        hint="At least 12 characters; not a common password and not built from your name or email. A few unrelated words work well."
        errors={state.fieldErrors?.newPassword}
        autoComplete="new-password"
      />
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          Change password
        </button>
      </div>
    </form>
  );
}

export function TwoFactorEnrolment() {
  const [started, start, starting] = useActionState<EnrolmentState, FormData>(startEnrolmentAction, {});
  const [confirmed, confirm, confirming] = useActionState<EnrolmentState, FormData>(confirmEnrolmentAction, {});
  if (!started.totpURI) {
    return (
      <form action={start} className="entry-form" noValidate>
        <Field id="password" label="Your password" hint="To confirm it is you before adding a second factor." errors={started.fieldErrors?.password} autoComplete="current-password" />
        <div className="form-actions">
          <button type="submit" disabled={starting}>
            Set up an authenticator app
          </button>
        </div>
      </form>
    );
  }
  return (
    <div>
      <h2>1. Add Flarewatch to your authenticator app</h2>
      <p>Scan this code with an authenticator app (for example Microsoft Authenticator, Google Authenticator or FreeOTP), or type the key below.</p>
      {/* The SVG is generated on the server by the qrcode package from the otpauth URI. */}
      <div className="qr" role="img" aria-label="QR code of the authenticator key" dangerouslySetInnerHTML={{ __html: started.qrSvg ?? "" }} />
      <p>
        Key (spaces do not matter): <code data-testid="totp-secret" className="totp-key">{started.secret?.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <h2>2. Keep these backup codes</h2>
      <p>Each code signs you in once if you lose your phone. Keep them somewhere safe; they are not shown again.</p>
      <ul className="backup-codes">
        {(started.backupCodes ?? []).map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <h2>3. Enter the code your app shows</h2>
      <form action={(form) => confirm(form)} className="entry-form" noValidate>
        <Field id="code" label="6-digit code" type="text" errors={confirmed.fieldErrors?.code} autoComplete="one-time-code" />
        <div className="form-actions">
          <button type="submit" disabled={confirming}>
            Turn on two-factor sign-in
          </button>
        </div>
      </form>
    </div>
  );
}
