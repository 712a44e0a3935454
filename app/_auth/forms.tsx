"use client";

import { useActionState, useEffect, useRef } from "react";
import { secondFactorAction, signInAction, type AuthFormState } from "./actions";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={id}>
      {messages.join(" ")}
    </p>
  );
}

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
  const emailError = state.fieldErrors?.email;
  const passwordError = state.fieldErrors?.password;
  return (
    <form action={action} className="entry-form auth-form" noValidate>
      {state.message ? (
        <p className="error-summary" role="alert" tabIndex={-1} ref={messageRef}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <FieldError id="email-error" messages={emailError} />
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          className="input-full"
          defaultValue={state.values?.email ?? ""}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
          required
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <FieldError id="password-error" messages={passwordError} />
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          className="input-full"
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "password-error" : undefined}
          required
        />
      </div>
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
  const codeError = state.fieldErrors?.code;
  return (
    <form action={action} className="entry-form auth-form" noValidate>
      {state.message && !codeError ? (
        <p className="error-summary" role="alert" tabIndex={-1} ref={messageRef}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="code">Code from your authenticator app</label>
        <p className="hint" id="code-hint">
          6 digits; it changes every 30 seconds. Lost your phone? Enter one of your backup codes instead.
        </p>
        <FieldError id="code-error" messages={codeError} />
        <input
          id="code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={16}
          className="input-medium"
          aria-invalid={codeError ? true : undefined}
          aria-describedby={`code-hint${codeError ? " code-error" : ""}`}
          autoFocus
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          Verify
        </button>
      </div>
    </form>
  );
}
