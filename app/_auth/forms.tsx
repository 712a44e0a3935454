"use client";

import { Form, TextField } from "@/app/_components/form";
import { secondFactorAction, signInAction } from "./actions";

export function SignInForm({ next }: { next: string }) {
  return (
    <Form action={signInAction} idPrefix="sign-in" submitLabel="Sign in" pendingLabel="Signing in…" summaryTitle="Not signed in" className="auth-form">
      <input type="hidden" name="next" value={next} />
      <TextField name="email" label="Email" type="email" autoComplete="username" autoFocus />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" />
    </Form>
  );
}

export function SecondFactorForm({ next }: { next: string }) {
  return (
    <Form action={secondFactorAction} idPrefix="second-factor" submitLabel="Verify" pendingLabel="Verifying…" summaryTitle="Not signed in" className="auth-form">
      <input type="hidden" name="next" value={next} />
      <TextField
        name="code"
        label="Code from your authenticator app"
        hint="6 digits; it changes every 30 seconds. Lost your phone? Enter one of your backup codes instead."
        autoComplete="one-time-code"
        width="medium"
        autoFocus
      />
    </Form>
  );
}
