/**
 * The checks an incoming PUBLISH must pass before it reaches aedes, in the order the spec's
 * consequences demand (an unknown alias before the topic can be checked, and so on).
 */
import type { Buffer } from 'buffer';
import type { SandboxBrokerOptions } from './options.ts';
import { isValidUtf8, type WirePacket } from './packet-codec.ts';
import type { ProtocolLevel } from './record-types.ts';
import { ReasonCode } from './reason-codes.ts';
import { isValidTopicName } from './topic-match.ts';

export type PublishVerdict = { ok: true; topic: string } | { ok: false; reasonCode: number; text: string };

/**
 * @param aliases the connection's inbound Topic Alias map (updated when the PUBLISH sets an alias)
 * @returns the topic the PUBLISH is for (its alias resolved), or the violation
 */
export function checkPublish(packet: WirePacket, raw: Buffer, level: ProtocolLevel, options: SandboxBrokerOptions, aliases: Map<number, string>): PublishVerdict {
  const v5 = level === 5;
  const qos = packet['qos'] as number;
  let topic = packet['topic'] as string;
  const alias = (packet['properties'] as Record<string, unknown> | undefined)?.['topicAlias'] as number | undefined;
  if (v5 && alias !== undefined) {
    const max = options.topicAliasMaximum ?? 0;
    if (alias < 1 || alias > max) {
      // [MQTT-3.3.2-8], [MQTT-3.3.2-9]: alias 0 or above the Topic Alias Maximum.
      return { ok: false, reasonCode: ReasonCode.topicAliasInvalid, text: `topic alias ${alias} outside 1..${max}` };
    }
    if (topic.length > 0) aliases.set(alias, topic);
    else {
      const known = aliases.get(alias);
      if (known === undefined) return { ok: false, reasonCode: ReasonCode.protocolError, text: `unknown topic alias ${alias}` };
      topic = known;
    }
  }
  if (topic.length === 0) {
    // 3.1.1 [MQTT-4.7.3-1]; 5.0 §3.3.2.3.4: an empty topic needs a known Topic Alias.
    return { ok: false, reasonCode: ReasonCode.protocolError, text: 'empty topic name' };
  }
  if (!topicBytesValid(raw) || topic.includes('\u0000')) {
    // 3.1.1 [MQTT-1.5.3-1], [MQTT-1.5.3-2] / 5.0 [MQTT-1.5.4-1], [MQTT-1.5.4-2]: ill-formed UTF-8 or U+0000 is a malformed packet.
    return { ok: false, reasonCode: ReasonCode.malformedPacket, text: 'topic name is not well-formed UTF-8' };
  }
  if (!isValidTopicName(topic)) {
    // [MQTT-3.3.2-2]: no wildcards in a Topic Name.
    return { ok: false, reasonCode: ReasonCode.topicNameInvalid, text: `invalid topic name ${JSON.stringify(topic)}` };
  }
  if (v5 && qos > (options.maximumQoS ?? 2)) {
    return { ok: false, reasonCode: ReasonCode.qosNotSupported, text: `QoS ${qos} above the maximum QoS` }; // [MQTT-3.2.2-11]
  }
  if (v5 && packet['retain'] && options.retainAvailable === false) {
    return { ok: false, reasonCode: ReasonCode.retainNotSupported, text: 'retain is not available' }; // [MQTT-3.2.2-14]
  }
  return { ok: true, topic };
}

/** Checks the raw UTF-8 bytes of a PUBLISH topic (mqtt-packet would silently replace bad bytes). */
function topicBytesValid(raw: Buffer): boolean {
  let offset = 1;
  while (((raw[offset] as number) & 0x80) !== 0) offset++;
  offset++;
  const length = raw.readUInt16BE(offset);
  return isValidUtf8(raw.subarray(offset + 2, offset + 2 + length));
}
