import { PASSWORD_MIN_LENGTH, roleLabels, roles } from "@/lib/auth";

export const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

/** The rules lib/auth/password.ts applies, in the words shown beside every password field. */
export const passwordRules = `At least ${PASSWORD_MIN_LENGTH} characters; not one of the common passwords and not built from the person's name or email. A few unrelated words together work well.`;
