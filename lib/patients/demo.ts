/**
 * The demo data's identifiers: the published case FW-0001 and the generated cohort FW-1001 on
 * (`npm run db:seed`). Screens say "demo data" beside them, so generated figures are never read as patients'.
 */
export function isDemoIdentifier(identifier: string): boolean {
  return /^FW-\d{4}$/.test(identifier);
}
