/**
 * A throwaway certificate authority and a server certificate signed by it, generated at start
 * and written to a folder, so real clients can verify the broker (`mosquitto_pub --cafile ca.pem`).
 * The server certificate names localhost, 127.0.0.1 and ::1, plus the host the broker listens on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsFiles {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

const validForDays = 30;

function subjectAltNames(host: string): { type: 2 | 7; value?: string; ip?: string }[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', host]);
  return [...names].map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
}

export async function createTlsFiles(dir: string, host: string): Promise<TlsFiles> {
  const notAfterDate = new Date(Date.now() + validForDays * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'MQTT Lab sandbox CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  await mkdir(dir, { recursive: true });
  const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server-cert.pem'), keyFile: join(dir, 'server-key.pem') };
  await writeFile(files.caFile, ca.cert);
  await writeFile(files.certFile, server.cert);
  await writeFile(files.keyFile, server.private, { mode: 0o600 });
  return { dir, ...files, cert: server.cert, key: server.private, ca: ca.cert };
}
