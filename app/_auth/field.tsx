/** One labelled input of the sign-in and account forms, with its hint and errors wired to it for screen readers. */
export function Field({
  id,
  label,
  type = "password",
  hint,
  errors,
  autoComplete,
  defaultValue,
  autoFocus,
  className = "input-medium",
}: {
  id: string;
  label: string;
  type?: string;
  hint?: string;
  errors?: string[];
  autoComplete?: string;
  defaultValue?: string;
  autoFocus?: boolean;
  className?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        className={className}
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        autoCapitalize={type === "password" || type === "email" ? "off" : undefined}
        spellCheck={false}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
