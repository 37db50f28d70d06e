/** The protocol version of each link, from its CONNECT (or the broker's client-connected event). */
import type { RecordEntry } from '../../../../sandbox-broker/src/record-types.ts';

export type ProtocolVersion = 4 | 5;

export function protocolVersionsOf(entries: readonly RecordEntry[]): Map<number, ProtocolVersion> {
  const versions = new Map<number, ProtocolVersion>();
  for (const entry of entries) {
    let level: unknown;
    if (entry.kind === 'packet' && entry.packet.cmd === 'connect') level = entry.packet['protocolVersion'];
    else if (entry.kind === 'event' && entry.event === 'client-connected' && entry.linkId !== undefined) level = entry.detail?.['protocolLevel'];
    else continue;
    const linkId = entry.linkId;
    if (linkId !== undefined && !versions.has(linkId)) versions.set(linkId, level === 5 ? 5 : 4);
  }
  return versions;
}
