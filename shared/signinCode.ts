// The sign-in code an invitation gives an expected visitor (core/office/invitations/compose.ts
// makes it): Crockford base32, shown XXXX-XXXX-XXXX-XXXX. Read the same way at the hub and the
// kiosk, so a code typed in lower case, with spaces, or with O/I/L for 0/1 finds the same visit.

/** A typed or scanned code as stored: upper case, dashes where they belong, look-alike letters
 *  read as digits; null when it cannot be a code. */
export function normaliseSigninCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null;
  return s.match(/.{4}/g)!.join('-');
}
