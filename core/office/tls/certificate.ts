// The hub's TLS certificate. On first run the hub makes its own key and self-signed certificate
// (selfsigned: no hand-made ASN.1) in <office data>/tls/, readable only by the hub's user; a
// school may give its own instead (--tls-cert/--tls-key). Kiosks do not trust it through a CA:
// they pin it at pairing (shared/sync.ts PairHello), by the sha-256 of its public key (SPKI),
// so a renewed certificate with the same key keeps working.
//
// Rotation without re-pairing: `office tls-rotate` makes next-cert.pem/next-key.pem. From then
// on every signed sync answer announces both pins, and kiosks add the next one to the pins they
// accept. `office tls-rotate --activate` (after the kiosks have synced) moves the next
// certificate into place; the hub serves it from its next start.
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export type HubTls = { key: string; cert: string; pins: string[]; certFile: string; keyFile: string; generated: boolean };

/** sha-256 of the certificate's public key (SPKI DER), base64: what kiosks pin. */
export function spkiPin(certPem: string | Buffer): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export function tlsDir(officeDataDir: string): string {
  return path.join(officeDataDir, 'tls');
}

function writePrivate(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** A new self-signed certificate for this computer: its host name and LAN addresses, and loopback. */
export async function makeSelfSigned(hostNames: string[] = [os.hostname()]): Promise<{ key: string; cert: string }> {
  const ips = ['127.0.0.1', '::1', ...Object.values(os.networkInterfaces()).flatMap((l) => l ?? []).filter((a) => !a.internal).map((a) => a.address)];
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: `Phone-safe office hub (${hostNames[0] ?? 'hub'})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...new Set(['localhost', ...hostNames])].map((value): { type: 2 | 7; value?: string; ip?: string } => ({ type: 2, value })),
          ...[...new Set(ips)].map((ip): { type: 2 | 7; value?: string; ip?: string } => ({ type: 7, ip })),
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * The certificate the hub serves: the school's own files when given, else <dir>/tls/cert.pem,
 * made on first run. `pins` lists the current pin and, during a rotation, the next one.
 */
export async function ensureHubTls(officeDataDir: string, own?: { certFile: string; keyFile: string }): Promise<HubTls> {
  const dir = tlsDir(officeDataDir);
  if (own) {
    const cert = fs.readFileSync(own.certFile, 'utf8');
    const key = fs.readFileSync(own.keyFile, 'utf8');
    return { cert, key, pins: withNext(dir, spkiPin(cert)), certFile: own.certFile, keyFile: own.keyFile, generated: false };
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  let generated = false;
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) {
    const made = await makeSelfSigned();
    writePrivate(keyFile, made.key);
    writePrivate(certFile, made.cert);
    generated = true;
  }
  const cert = fs.readFileSync(certFile, 'utf8');
  return { cert, key: fs.readFileSync(keyFile, 'utf8'), pins: withNext(dir, spkiPin(cert)), certFile, keyFile, generated };
}

function withNext(dir: string, current: string): string[] {
  const pins = [current];
  for (const f of ['next-cert.pem', ANNOUNCE_CERT]) {
    const file = path.join(dir, f);
    if (fs.existsSync(file)) pins.push(spkiPin(fs.readFileSync(file)));
  }
  return [...new Set(pins)];
}

/** Another hub's certificate (public part only) whose pin this hub announces as well: before a
 *  school's hub moves into a trust, kiosks learn the trust hub's pin over the channel they
 *  already pin, so they can follow the school there without pairing again. */
export const ANNOUNCE_CERT = 'announce-cert.pem';

/** `office tls-announce --cert FILE`: announce that certificate's pin from the hub's next start. */
export function announceCertificate(officeDataDir: string, certPem: string): { pin: string } {
  const pin = spkiPin(certPem); // throws on anything that is not a certificate
  if (/PRIVATE KEY/.test(certPem)) throw new Error('That file holds a private key: give the certificate alone (cert.pem), never the key.');
  const dir = tlsDir(officeDataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, ANNOUNCE_CERT), certPem, { mode: 0o644 });
  return { pin };
}

/** Stop announcing it (`office tls-announce --remove`). */
export function removeAnnouncedCertificate(officeDataDir: string): boolean {
  const file = path.join(tlsDir(officeDataDir), ANNOUNCE_CERT);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}

/** Step 1 of a rotation: make the next certificate; kiosks learn its pin at their next sync. */
export async function prepareRotation(officeDataDir: string): Promise<{ pin: string }> {
  const dir = tlsDir(officeDataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = await makeSelfSigned();
  writePrivate(path.join(dir, 'next-key.pem'), made.key);
  writePrivate(path.join(dir, 'next-cert.pem'), made.cert);
  return { pin: spkiPin(made.cert) };
}

/** Step 2: the next certificate becomes the current one (served from the hub's next start). */
export function activateRotation(officeDataDir: string): { pin: string } {
  const dir = tlsDir(officeDataDir);
  const nextCert = path.join(dir, 'next-cert.pem');
  const nextKey = path.join(dir, 'next-key.pem');
  if (!fs.existsSync(nextCert) || !fs.existsSync(nextKey)) throw new Error('There is no next certificate: run `office tls-rotate` first and let the kiosks sync.');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const f of ['cert.pem', 'key.pem']) if (fs.existsSync(path.join(dir, f))) fs.renameSync(path.join(dir, f), path.join(dir, `old-${stamp}-${f}`));
  fs.renameSync(nextKey, path.join(dir, 'key.pem'));
  fs.renameSync(nextCert, path.join(dir, 'cert.pem'));
  return { pin: spkiPin(fs.readFileSync(path.join(dir, 'cert.pem'))) };
}
