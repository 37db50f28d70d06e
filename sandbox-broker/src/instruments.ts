/**
 * Instruments: faults a lesson applies on purpose (cut a link, drop or delay the next matching
 * packet, add latency or seeded loss). Every application is recorded as an 'instrument' event.
 */
import type { Direction, PacketType } from './record-types.ts';
import type { Recorder } from './recorder.ts';

/** A client id (string) or a link id (number). */
export type LinkTarget = string | number;

export interface PacketFilter {
  clientId?: string;
  direction?: Direction;
}

export interface LinkConditions {
  latencyMs?: number;
  /** Probability (0..1) that a packet is lost; deterministic for a given broker seed. */
  lossRate?: number;
}

export interface PacketDecision {
  drop: boolean;
  delayMs: number;
}

interface OneShotRule {
  type: PacketType;
  filter: PacketFilter;
  action: 'drop' | 'delay';
  delayMs: number;
}

export interface InstrumentHost {
  readonly recorder: Recorder;
  /** The broker clock (ms), for faults that last a while. */
  now(): number;
  /** Cuts matching links abruptly; returns the link ids cut. */
  cutLinks(target: LinkTarget): number[];
}

/** mulberry32: a tiny seeded PRNG, so loss patterns repeat run after run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Instruments {
  private rules: OneShotRule[] = [];
  /** While the broker is "down": until when (broker clock), and for which client id (all when absent). */
  private refusal: { until: number; clientId?: string } | undefined;
  private readonly conditions = new Map<LinkTarget, LinkConditions>();
  private readonly random: () => number;

  constructor(private readonly host: InstrumentHost, seed: number) {
    this.random = createRandom(seed);
  }

  /** Abruptly closes the link(s) of a client id, or one link id; the will fires as after a network failure. */
  cutLink(target: LinkTarget): number[] {
    const cut = this.host.cutLinks(target);
    this.note('cutLink', { target, linkIds: cut });
    return cut;
  }

  dropNext(type: PacketType, filter: PacketFilter = {}): void {
    this.rules.push({ type, filter, action: 'drop', delayMs: 0 });
    this.note('dropNext', { type, ...filter });
  }

  delayNext(type: PacketType, ms: number, filter: PacketFilter = {}): void {
    this.rules.push({ type, filter, action: 'delay', delayMs: ms });
    this.note('delayNext', { type, ms, ...filter });
  }

  setLinkConditions(target: LinkTarget, conditions: LinkConditions): void {
    this.conditions.set(target, conditions);
    this.note('setLinkConditions', { target, ...conditions });
  }

  /**
   * For `ms` on the broker clock the broker is unavailable: each new connection (of `clientId`, or
   * of anyone) is closed right after its CONNECT, without CONNACK, as a connection to a stopped
   * broker fails. Clients reconnect as their library decides; their CONNECTs are in the record.
   */
  refuseConnections(ms: number, filter: { clientId?: string } = {}): void {
    this.refusal = { until: this.host.now() + ms, ...filter };
    this.note('refuseConnections', { ms, ...filter });
  }

  /** Asked by a link when a CONNECT arrives. */
  refusesConnection(clientId: string): boolean {
    const refusal = this.refusal;
    if (!refusal || this.host.now() >= refusal.until) return false;
    return refusal.clientId === undefined || refusal.clientId === clientId;
  }

  clear(): void {
    this.rules = [];
    this.conditions.clear();
    this.refusal = undefined;
  }

  /** Asked by a link for every packet crossing it. */
  decide(linkId: number, clientId: string, direction: Direction, type: PacketType): PacketDecision {
    const index = this.rules.findIndex(
      (rule) =>
        rule.type === type &&
        (rule.filter.clientId === undefined || rule.filter.clientId === clientId) &&
        (rule.filter.direction === undefined || rule.filter.direction === direction),
    );
    const conditions = this.conditions.get(linkId) ?? this.conditions.get(clientId);
    let delayMs = conditions?.latencyMs ?? 0;
    if (index >= 0) {
      const [rule] = this.rules.splice(index, 1);
      if (rule?.action === 'drop') {
        this.host.recorder.event({ event: 'instrument', clientId, linkId, reason: `dropped ${direction === 'in' ? 'incoming' : 'outgoing'} ${type}`, detail: { action: 'dropped', type, direction } });
        return { drop: true, delayMs: 0 };
      }
      delayMs += rule?.delayMs ?? 0;
      this.host.recorder.event({ event: 'instrument', clientId, linkId, reason: `delayed ${type} by ${rule?.delayMs} ms`, detail: { action: 'delayed', type, direction, ms: rule?.delayMs ?? 0 } });
    }
    if (conditions?.lossRate && this.random() < conditions.lossRate) {
      this.host.recorder.event({ event: 'instrument', clientId, linkId, reason: `lost ${type} (loss rate ${conditions.lossRate})`, detail: { action: 'lost', type, direction } });
      return { drop: true, delayMs: 0 };
    }
    return { drop: false, delayMs };
  }

  private note(name: string, detail: Record<string, unknown>): void {
    this.host.recorder.event({ event: 'instrument', reason: name, detail: { instrument: name, ...detail } });
  }
}
