/** MQTT 5.0 Receive Maximum (§4.9) in both directions of a link. */
import type { WirePacket } from './packet-codec.ts';

/**
 * Broker → client: [MQTT-3.3.4-9] never more unacknowledged QoS>0 PUBLISHes than the client's
 * Receive Maximum. aedes does not enforce it, so the link holds the surplus here.
 */
export class OutboundWindow {
  private readonly inflight = new Set<number>();
  private readonly held: WirePacket[] = [];
  limit = 65535;

  /** True when the PUBLISH may be sent now; otherwise it is held until a slot frees. */
  offer(packet: WirePacket): boolean {
    const id = packet['messageId'] as number;
    if (this.inflight.has(id)) return true; // a resend of a message already in flight
    if (this.inflight.size >= this.limit) {
      this.held.push(packet);
      return false;
    }
    this.inflight.add(id);
    return true;
  }

  /** The client acknowledged `id`; returns the held PUBLISHes that may now be sent. */
  acknowledged(id: number): WirePacket[] {
    return this.inflight.delete(id) ? this.release() : [];
  }

  release(): WirePacket[] {
    const out: WirePacket[] = [];
    while (this.held.length > 0 && this.inflight.size < this.limit) {
      const packet = this.held.shift() as WirePacket;
      this.inflight.add(packet['messageId'] as number);
      out.push(packet);
    }
    return out;
  }
}

/** Client → broker: 5.0 [MQTT-3.3.4-7] the client may not exceed the broker's Receive Maximum. */
export class InboundWindow {
  private readonly inflight = new Set<number>();

  constructor(private readonly limit: number | undefined) {}

  /** Records a QoS>0 PUBLISH; false when it exceeds the limit. */
  received(id: number): boolean {
    if (this.limit === undefined) return true;
    this.inflight.add(id);
    return this.inflight.size <= this.limit;
  }

  acknowledged(id: number): void {
    this.inflight.delete(id);
  }
}
