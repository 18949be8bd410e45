// A regular visitor's card code: 16 symbols of Crockford's base 32 (0-9, A-Z without I, L, O, U),
// printed in four groups ("7K3M-Q9TX-4HRB-2N8W") and as a QR code holding the same text.
//   - 15 random symbols: 75 bits from the operating system's CSPRNG. Guessing one of, say, 500
//     live cards takes about 2^66 tries; the kiosk answers a wrong code only with "please see
//     reception", and the hub keeps only sha-256 of the code, so a stolen database gives no card.
//   - 1 check symbol: Luhn mod 32 over the 15. It catches every single mistyped symbol and every
//     swap of two neighbours except "0Z" ↔ "Z0" (Luhn mod N's one blind spot), so a typo is
//     refused at the screen as "not a card", never looked up as someone else's.
// Typed codes are tolerant: spaces, dashes and lower case are ignored, and the letters people
// confuse with digits read as Crockford says (O → 0, I and L → 1).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CARD_DATA_SYMBOLS = 15;
export const CARD_SYMBOLS = CARD_DATA_SYMBOLS + 1;
export const CARD_ENTROPY_BITS = CARD_DATA_SYMBOLS * 5;

function value(ch: string): number {
  return ALPHABET.indexOf(ch);
}

/** Luhn mod N (N = 32) check symbol for the data symbols. */
export function checkSymbol(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    let addend = factor * value(data[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

/** A code from 15 random bytes' low 5 bits each (the caller brings the randomness: Node's
 *  crypto on the hub). 32 divides 256, so taking 5 bits is unbiased. */
export function cardCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CARD_DATA_SYMBOLS) throw new Error('need 15 random bytes');
  let data = '';
  for (let i = 0; i < CARD_DATA_SYMBOLS; i++) data += ALPHABET[bytes[i]! & 31];
  return data + checkSymbol(data);
}

/** What someone typed or a scanner sent, as a canonical code; null if it is not a valid card code
 *  (wrong length, a symbol outside the alphabet, or a failed check symbol). */
export function normaliseCardCode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const s = raw
    .toUpperCase()
    .replace(/[\s\-–—.]/gu, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== CARD_SYMBOLS || ![...s].every((c) => value(c) >= 0)) return null;
  const data = s.slice(0, CARD_DATA_SYMBOLS);
  return checkSymbol(data) === s[CARD_DATA_SYMBOLS] ? s : null;
}

/** "7K3MQ9TX4HRB2N8W" → "7K3M-Q9TX-4HRB-2N8W" (printed and put in the QR code). */
export function groupCardCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What the kiosk and the hub hash: a label keeps these hashes apart from any other sha-256. */
export function cardHashInput(code: string): string {
  return `regular-card-v1:${code}`;
}
