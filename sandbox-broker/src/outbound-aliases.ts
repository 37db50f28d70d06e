/**
 * Broker-assigned topic aliases (5.0 §3.3.2.3.4): for a client that advertises a Topic Alias
 * Maximum, the first PUBLISH on a topic carries the topic and a new alias, later ones only the
 * alias and an empty topic. Never an alias above the client's maximum, none at all when it is
 * absent or 0 (5.0 [MQTT-3.1.2-29], [MQTT-3.1.2-30], [MQTT-3.3.2-11]). Once every alias is taken,
 * further topics go out in full: the first topics keep their aliases for the whole connection.
 * One instance per network connection: mappings never outlive it ([MQTT-3.3.2-7]).
 */
import type { WirePacket } from './packet-codec.ts';

export class OutboundTopicAliases {
  private readonly aliases = new Map<string, number>();

  constructor(private readonly maximum: number) {}

  /** The PUBLISH to send instead, or undefined when it goes out unchanged. */
  apply(packet: WirePacket): WirePacket | undefined {
    if (this.maximum === 0) return undefined;
    const topic = packet['topic'] as string;
    const properties = (packet['properties'] ?? {}) as Record<string, unknown>;
    const known = this.aliases.get(topic);
    if (known !== undefined) return { ...packet, topic: '', properties: { ...properties, topicAlias: known } };
    if (this.aliases.size >= this.maximum) return undefined;
    const alias = this.aliases.size + 1;
    this.aliases.set(topic, alias);
    return { ...packet, properties: { ...properties, topicAlias: alias } };
  }
}
