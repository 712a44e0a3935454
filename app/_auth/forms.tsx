"use client";

import { useActionState, useEffect, useRef } from "react";
import { secondFactorAction, signInAction, type AuthFormState } from "./actions";
import { Field } from "./field";

/** Moves focus to the message after a failed attempt, so a screen reader hears why. */
function useFocusOnMessage(state: AuthFormState) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.message) ref.current?.focus();
  }, [state]);
  return ref;
}

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  const messageRef = useFocusOnMessage(state);
  return (
    <form action={action} className="entry-form auth-form" noValidate>
      {state.message ? (
        <p className="error-summary" role="alert" tabIndex={-1} ref={messageRef}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <Field id="email" label="Email" type="email" autoComplete="username" className="input-full" defaultValue={state.values?.email ?? ""} errors={state.fieldErrors?.email} autoFocus />
      <Field id="password" label="Password" autoComplete="current-password" className="input-full" errors={state.fieldErrors?.password} />
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}

export function SecondFactorForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(secondFactorAction, {});
  const messageRef = useFocusOnMessage(state);
  return (
    <form action={action} className="entry-form auth-form" noValidate>
      {state.message && !state.fieldErrors?.code ? (
        <p className="error-summary" role="alert" tabIndex={-1} ref={messageRef}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <Field
        id="code"
        label="Code from your authenticator app"
        type="text"
        hint="6 digits; it changes every 30 seconds. Lost your phone? Enter one of your backup codes instead."
        autoComplete="one-time-code"
        errors={state.fieldErrors?.code}
        autoFocus
      />
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          Verify
        </button>
      </div>
    </form>
  );
}
