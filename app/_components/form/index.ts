/**
 * The one form kit of the app: every form is a <Form> posting to a server action typed FormAction,
 * answering FormState (errors by field, what was typed, a message, warnings to confirm; or a success
 * notice with optional data); fields carry their label, hint and error beside them; the error summary
 * takes focus (GOV.UK pattern); what was typed is read from FormData by formValuesOf only.
 * See "A new form" in docs/architecture.md.
 */
export * from "./form";
export * from "./fields";
export * from "./error-summary";
export * from "./form-values";
