/**
 * The sandbox's MQTT-SN gateway (MQTT-SN v1.2), a *transparent* gateway (§4.1): for each
 * MQTT-SN client it keeps one MQTT 3.1.1 connection to the sandbox broker under the client's own
 * ClientId, and translates message for message — REGISTER and topic ids on the sensor-network side,
 * topic names on the broker side. Every datagram is recorded as an `sn-packet` entry; the MQTT
 * connections are ordinary links, so the record shows both halves of each exchange.
 *
 * Implemented: SEARCHGW/GWINFO and ADVERTISE (§6.1), CONNECT with the will handshake (§6.2),
 * CleanSession for topic registrations (§6.3), REGISTER both ways (§6.5, §6.10), PUBLISH at QoS
 * 0, 1, 2 (§6.6) and -1 (§6.8), pre-defined ids and short topic names (§6.7), SUBSCRIBE and
 * UNSUBSCRIBE (§6.9), keep-alive (§6.11), DISCONNECT (§6.12) and sleeping clients (§6.14).
 * Not implemented: WILLTOPICUPD/WILLMSGUPD (answered "Rejected: not supported"), forwarder
 * encapsulation (§5.5), and the gateway's own retransmissions (§6.13).
 *
 * Supervision: v1.2 says a client is lost when nothing arrives "for a period longer than" its keep
 * alive or before its sleep timer expires (§6.14). This gateway waits 1.5 × the period, the grace
 * MQTT gives ([MQTT-3.1.2-24]) and the MQTT-SN 2.0 drafts adopt, on the broker's clock.
 */
import { Buffer } from 'buffer';
import type { Duplex } from 'readable-stream';
import type { BrokerClock, TimerHandle } from '../clock.ts';
import { createRandom } from '../instruments.ts';
import { toBinaryField } from '../packet-codec.ts';
import type { Recorder } from '../recorder.ts';
import { isValidTopicFilter, isValidTopicName } from '../topic-match.ts';
import { decodeSnPacket, encodeSnPacket, type SnPacket } from './codec.ts';
import { PROTOCOL_ID, ReturnCode, type SnQoS, type TopicIdType } from './constants.ts';
import { createDatagramPair, type DatagramSocket } from './datagram.ts';
import { isShortTopicName, PredefinedTopics, TopicTable } from './topic-table.ts';
import { Uplink, type MqttPacket } from './uplink.ts';

export interface MqttSnGatewayOptions {
  /** GwId in GWINFO and ADVERTISE (§5.3.6); default 1. */
  gatewayId?: number;
  /** Pre-defined topic ids (§6.7): id → topic name, known in advance by the gateway and its clients. */
  predefinedTopics?: Record<string, string>;
  /** Probability (0..1) that a datagram is lost on the sensor network, in either direction; seeded. */
  lossRate?: number;
  /** When set, ADVERTISE (§5.4.1) goes to every attached client this often, in seconds of the broker clock. */
  advertiseSeconds?: number;
}

export interface GatewayHost {
  readonly recorder: Recorder;
  readonly clock: BrokerClock;
  /** A new MQTT connection to the broker (the client end of a link). */
  connectLink(): { stream: Duplex; linkId: number };
  readonly seed: number;
}

/** §6.14, Figure 4: a client's state as the gateway sees it. */
export type SnClientState = 'connecting' | 'active' | 'asleep' | 'awake' | 'disconnected' | 'lost';

interface Session {
  clientId: string;
  address: string;
  state: SnClientState;
  cleanSession: boolean;
  keepAlive: number;
  sleepDuration: number;
  will?: { topic: string; qos: 0 | 1 | 2; retain: boolean; payload?: Uint8Array };
  awaiting?: 'willtopic' | 'willmsg' | undefined;
  uplink?: Uplink;
  topics: TopicTable;
  timer?: TimerHandle | undefined;
  /** Broker PUBLISHes not yet sent on: the client is asleep, or a REGISTER is under way. */
  queue: MqttPacket[];
  /** The gateway's REGISTER awaiting REGACK (§6.10: the PUBLISH waits for it). */
  registering?: { msgId: number; topicId: number } | undefined;
  nextMsgId: number;
  /** Gateway → client QoS 1/2 PUBLISHes in flight: MQTT-SN MsgId → the broker's packet id. */
  outbound: Map<number, number>;
  /** Client → gateway QoS 1 PUBLISHes awaiting the broker's PUBACK: MsgId → the TopicId to echo. */
  inbound: Map<number, number>;
  subscribing: Map<number, { topicIdType: TopicIdType; topicId: number; filter: string }>;
  /** Woken by PINGREQ: PINGRESP goes once everything buffered has been delivered (§6.14). */
  pingPending: boolean;
}

/** A sleeping client's buffer; beyond it the oldest message is dropped (and recorded). */
const MAX_BUFFERED = 256;
const GRACE = 1.5;

export class MqttSnGateway {
  private readonly sockets = new Map<string, DatagramSocket>();
  private readonly byAddress = new Map<string, Session>();
  private readonly sessions = new Map<string, Session>();
  /** Topic registrations of clients that connected with CleanSession=false (§6.3). */
  private readonly storedTopics = new Map<string, TopicTable>();
  private readonly predefined: PredefinedTopics;
  private readonly random: () => number;
  private lossRate: number;
  private nextAddress = 1;
  private shared: { uplink: Uplink; ready: boolean; waiting: MqttPacket[] } | undefined;
  private advertiseTimer: TimerHandle | undefined;
  private closed = false;

  private readonly host: GatewayHost;
  private readonly options: MqttSnGatewayOptions;

  constructor(host: GatewayHost, options: MqttSnGatewayOptions = {}) {
    this.host = host;
    this.options = options;
    this.predefined = new PredefinedTopics(options.predefinedTopics);
    this.random = createRandom(host.seed ^ 0x5eed);
    this.lossRate = options.lossRate ?? 0;
    if (options.advertiseSeconds) this.scheduleAdvertise(options.advertiseSeconds);
  }

  get gatewayId(): number {
    return this.options.gatewayId ?? 1;
  }

  /** Attaches a client's datagram socket; returns the address the gateway knows it by. */
  attach(socket: DatagramSocket): string {
    const address = `sn-${this.nextAddress++}`;
    this.sockets.set(address, socket);
    socket.onDatagram((datagram) => this.receive(address, datagram));
    socket.onClose(() => this.sockets.delete(address));
    return address;
  }

  /** An in-memory socket pair, the gateway end attached: returns the client end. */
  openSocket(): DatagramSocket {
    const [client, gateway] = createDatagramPair();
    this.attach(gateway);
    return client;
  }

  setLossRate(rate: number): void {
    this.lossRate = rate;
    this.host.recorder.event({ event: 'instrument', reason: `MQTT-SN datagram loss rate ${rate}`, detail: { instrument: 'snLossRate', lossRate: rate } });
  }

  /** The state of a client, for tests and demos. */
  stateOf(clientId: string): SnClientState | undefined {
    return this.sessions.get(clientId)?.state;
  }

  /** Sends ADVERTISE (§5.4.1) to every attached client now. */
  advertise(durationSeconds = this.options.advertiseSeconds ?? 900): void {
    for (const address of this.sockets.keys()) this.sendTo(address, this.byAddress.get(address)?.clientId ?? '', { type: 'advertise', gwId: this.gatewayId, duration: durationSeconds });
  }

  close(): void {
    this.closed = true;
    this.advertiseTimer?.cancel();
    for (const session of this.sessions.values()) session.timer?.cancel();
    for (const socket of this.sockets.values()) socket.close();
    this.sockets.clear();
  }

  // ---- datagrams in and out ---------------------------------------------------------------------

  private receive(address: string, datagram: Uint8Array): void {
    if (this.closed) return;
    const session = this.byAddress.get(address);
    if (this.lost('in', address, session?.clientId ?? '')) return;
    const decoded = decodeSnPacket(datagram);
    if (!decoded.ok) {
      this.host.recorder.event({
        event: 'protocol-error',
        clientId: session?.clientId ?? '',
        reason: `MQTT-SN datagram from ${address} refused: ${decoded.error}`,
        detail: { address, raw: Buffer.from(datagram).toString('base64') },
      });
      return;
    }
    const packet = decoded.packet;
    const named = packet.type === 'connect' ? packet.clientId : packet.type === 'pingreq' && !session ? packet.clientId : undefined;
    this.record('in', address, named ?? session?.clientId ?? '', packet, datagram);
    this.handle(address, session, packet);
  }

  private lost(direction: 'in' | 'out', address: string, clientId: string): boolean {
    if (this.lossRate <= 0 || this.random() >= this.lossRate) return false;
    this.host.recorder.event({ event: 'instrument', clientId, reason: `MQTT-SN datagram ${direction === 'in' ? 'from' : 'to'} ${address} lost (loss rate ${this.lossRate})`, detail: { action: 'lost', address, direction } });
    return true;
  }

  private record(direction: 'in' | 'out', address: string, clientId: string, packet: SnPacket, bytes: Uint8Array): void {
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(packet)) plain[key] = value instanceof Uint8Array ? toBinaryField(value) : value;
    this.host.recorder.add({ kind: 'sn-packet', direction, clientId, address, packet: plain as { type: string }, raw: Buffer.from(bytes).toString('base64') });
  }

  private sendTo(address: string, clientId: string, packet: SnPacket): void {
    const socket = this.sockets.get(address);
    if (!socket || socket.closed) return;
    const bytes = encodeSnPacket(packet);
    if (this.lost('out', address, clientId)) return;
    this.record('out', address, clientId, packet, bytes);
    socket.send(bytes);
  }

  private send(session: Session, packet: SnPacket): void {
    this.sendTo(session.address, session.clientId, packet);
  }

  private note(session: Session | undefined, reason: string, detail: Record<string, unknown> = {}): void {
    const event: Parameters<Recorder['event']>[0] = { event: 'gateway', reason, detail: { ...detail, ...(session ? { state: session.state } : {}) } };
    if (session) event.clientId = session.clientId;
    this.host.recorder.event(event);
  }

  // ---- client → gateway -------------------------------------------------------------------------

  private handle(address: string, session: Session | undefined, packet: SnPacket): void {
    if (session && session.state === 'active') this.supervise(session);
    switch (packet.type) {
      case 'searchgw':
        // §6.1: a gateway answers SEARCHGW with GWINFO (without GwAdd: the gateway is the sender).
        this.sendTo(address, session?.clientId ?? '', { type: 'gwinfo', gwId: this.gatewayId });
        return;
      case 'connect':
        this.onConnect(address, packet);
        return;
      case 'pingreq':
        this.onPingreq(address, session, packet.clientId);
        return;
      case 'publish':
        this.onPublish(address, session, packet);
        return;
      case 'advertise':
      case 'gwinfo':
        // Another gateway's ADVERTISE, or a client's GWINFO answering someone's SEARCHGW (§6.1): not for us.
        return;
      default:
        break;
    }
    if (!session) {
      this.note(undefined, `${packet.type.toUpperCase()} from ${address}, which is not connected: ignored`, { address });
      return;
    }
    switch (packet.type) {
      case 'willtopic':
        this.onWillTopic(session, packet);
        return;
      case 'willmsg':
        if (session.awaiting !== 'willmsg' || !session.will) break;
        session.will.payload = packet.willMsg;
        session.awaiting = undefined;
        this.connectUplink(session);
        return;
      case 'register':
        this.onRegister(session, packet.msgId, packet.topicName);
        return;
      case 'regack':
        this.onRegack(session, packet.msgId, packet.returnCode);
        return;
      case 'puback':
      case 'pubcomp':
        this.onDelivered(session, packet.type, packet.msgId, packet.type === 'puback' ? packet.returnCode : ReturnCode.accepted);
        return;
      case 'pubrec': {
        const brokerId = session.outbound.get(packet.msgId);
        if (brokerId !== undefined) session.uplink?.send({ cmd: 'pubrec', messageId: brokerId });
        return;
      }
      case 'pubrel':
        session.uplink?.send({ cmd: 'pubrel', messageId: packet.msgId });
        return;
      case 'subscribe':
        this.onSubscribe(session, packet);
        return;
      case 'unsubscribe':
        this.onUnsubscribe(session, packet);
        return;
      case 'disconnect':
        this.onDisconnect(session, packet.duration);
        return;
      case 'willtopicupd':
        this.send(session, { type: 'willtopicresp', returnCode: ReturnCode.notSupported });
        return;
      case 'willmsgupd':
        this.send(session, { type: 'willmsgresp', returnCode: ReturnCode.notSupported });
        return;
      default:
        break;
    }
    this.note(session, `a client does not send ${packet.type.toUpperCase()} in this state: ignored`);
  }

  private onConnect(address: string, packet: Extract<SnPacket, { type: 'connect' }>): void {
    if (packet.protocolId !== PROTOCOL_ID) {
      this.sendTo(address, packet.clientId, { type: 'connack', returnCode: ReturnCode.notSupported });
      return;
    }
    const existing = this.sessions.get(packet.clientId);
    if (existing && (existing.state === 'asleep' || existing.state === 'awake') && existing.uplink) {
      // §6.14: from asleep or awake, CONNECT returns the client to active; its MQTT connection stayed open.
      this.bind(existing, address);
      existing.state = 'active';
      existing.keepAlive = packet.duration;
      existing.pingPending = false;
      this.note(existing, 'active again after CONNECT (§6.14): buffered messages follow');
      this.send(existing, { type: 'connack', returnCode: ReturnCode.accepted });
      this.supervise(existing);
      this.pump(existing);
      return;
    }
    if (existing) this.end(existing, 'replaced by a new CONNECT', true);
    const previousHere = this.byAddress.get(address);
    if (previousHere) this.end(previousHere, 'its address sent a new CONNECT', true);
    if (packet.cleanSession) this.storedTopics.delete(packet.clientId);
    const session: Session = {
      clientId: packet.clientId,
      address,
      state: 'connecting',
      cleanSession: packet.cleanSession,
      keepAlive: packet.duration,
      sleepDuration: 0,
      topics: (packet.cleanSession ? undefined : this.storedTopics.get(packet.clientId)) ?? new TopicTable(),
      queue: [],
      nextMsgId: 1,
      outbound: new Map(),
      inbound: new Map(),
      subscribing: new Map(),
      pingPending: false,
    };
    this.sessions.set(session.clientId, session);
    this.bind(session, address);
    if (packet.will) {
      // §6.2: the gateway prompts for the will topic, then the will message, before CONNACK.
      session.awaiting = 'willtopic';
      this.send(session, { type: 'willtopicreq' });
    } else {
      this.connectUplink(session);
    }
  }

  private onWillTopic(session: Session, packet: Extract<SnPacket, { type: 'willtopic' }>): void {
    if (session.awaiting !== 'willtopic') return;
    if (packet.willTopic === undefined) {
      // An empty WILLTOPIC: no will after all (§5.4.7).
      session.awaiting = undefined;
      this.connectUplink(session);
      return;
    }
    const qos = packet.qos === undefined || packet.qos === -1 ? 0 : packet.qos;
    session.will = { topic: packet.willTopic, qos, retain: packet.retain ?? false };
    session.awaiting = 'willmsg';
    this.send(session, { type: 'willmsgreq' });
  }

  private connectUplink(session: Session): void {
    const { stream } = this.host.connectLink();
    const uplink = new Uplink(stream, (packet) => this.fromBroker(session, uplink, packet));
    session.uplink = uplink;
    uplink.onClose(() => this.uplinkClosed(session, uplink));
    const connect: MqttPacket = { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: session.cleanSession, clientId: session.clientId, keepalive: 0 };
    // The gateway supervises the client itself (keep-alive and sleep timers): its MQTT connection
    // has Keep Alive 0, and is dropped, will and all, when the gateway decides the client is lost.
    if (session.will) connect['will'] = { topic: session.will.topic, payload: Buffer.from(session.will.payload ?? new Uint8Array()), qos: session.will.qos, retain: session.will.retain };
    uplink.send(connect);
  }

  private onRegister(session: Session, msgId: number, topicName: string): void {
    if (!isValidTopicName(topicName)) {
      // A topic id stands for a topic to publish to: no wildcards (§6.5).
      this.send(session, { type: 'regack', topicId: 0, msgId, returnCode: ReturnCode.notSupported });
      return;
    }
    this.send(session, { type: 'regack', topicId: session.topics.idFor(topicName), msgId, returnCode: ReturnCode.accepted });
  }

  private onRegack(session: Session, msgId: number, returnCode: number): void {
    const registering = session.registering;
    if (!registering || registering.msgId !== msgId) return;
    session.registering = undefined;
    if (returnCode !== ReturnCode.accepted) {
      const dropped = session.queue.shift();
      session.topics.forget(registering.topicId);
      this.note(session, `the client refused REGISTER (return code ${returnCode}): message on ${String(dropped?.['topic'])} dropped`);
      if (dropped) this.acknowledgeToBroker(session, dropped);
    }
    this.pump(session);
  }

  /** Resolves a PUBLISH's or SUBSCRIBE's topic reference; undefined = unknown id. */
  private topicOf(session: Session | undefined, topicIdType: TopicIdType, topicId: number | undefined, shortTopic: string | undefined): string | undefined {
    if (topicIdType === 2) return shortTopic;
    if (topicIdType === 1) return this.predefined.nameOf(topicId ?? 0);
    return session?.topics.nameOf(topicId ?? 0);
  }

  private onPublish(address: string, session: Session | undefined, packet: Extract<SnPacket, { type: 'publish' }>): void {
    const topic = this.topicOf(session, packet.topicIdType, packet.topicId, packet.shortTopic);
    const live = session && (session.state === 'active' || session.state === 'awake') ? session : undefined;
    if (packet.qos === -1) {
      // §6.8: no connection needed; nothing is acknowledged, so an unknown id is dropped silently.
      if (topic === undefined) {
        this.note(session, `QoS -1 PUBLISH to unknown pre-defined topic id ${packet.topicId ?? 0} from ${address}: dropped`, { address });
        return;
      }
      const forBroker: MqttPacket = { cmd: 'publish', topic, payload: Buffer.from(packet.data), qos: 0, retain: packet.retain, dup: false };
      if (live?.uplink) live.uplink.send(forBroker);
      else this.publishShared(forBroker);
      return;
    }
    if (!live?.uplink) {
      const why = session?.state === 'asleep' ? 'which is asleep: ignored (CONNECT makes it active again, §6.14)' : 'which is not connected: ignored (only QoS -1 needs no connection, §6.8)';
      this.note(session, `QoS ${packet.qos} PUBLISH from ${address}, ${why}`, { address });
      return;
    }
    if (topic === undefined) {
      // §6.6 / §6.7: an unknown topic id is answered "Rejected: invalid topic ID".
      this.send(live, { type: 'puback', topicId: packet.topicId ?? 0, msgId: packet.msgId, returnCode: ReturnCode.invalidTopicId });
      return;
    }
    if (packet.qos > 0 && packet.msgId === 0) {
      this.note(live, `QoS ${packet.qos} PUBLISH with MsgId 0: ignored (an MQTT packet id is never 0)`);
      return;
    }
    const forBroker: MqttPacket = { cmd: 'publish', topic, payload: Buffer.from(packet.data), qos: packet.qos, retain: packet.retain, dup: packet.dup };
    if (packet.qos > 0) forBroker['messageId'] = packet.msgId;
    if (packet.qos === 1) live.inbound.set(packet.msgId, packet.topicIdType === 2 ? 0 : (packet.topicId ?? 0));
    live.uplink.send(forBroker);
  }

  private onSubscribe(session: Session, packet: Extract<SnPacket, { type: 'subscribe' }>): void {
    const filter = packet.topicIdType === 0 ? packet.topicName : this.topicOf(session, packet.topicIdType, packet.topicId, packet.shortTopic);
    if (filter === undefined || !isValidTopicFilter(filter) || packet.msgId === 0) {
      const returnCode = filter === undefined ? ReturnCode.invalidTopicId : ReturnCode.notSupported;
      this.send(session, { type: 'suback', qos: 0, topicId: packet.topicId ?? 0, msgId: packet.msgId, returnCode });
      return;
    }
    session.subscribing.set(packet.msgId, { topicIdType: packet.topicIdType, topicId: packet.topicIdType === 1 ? (packet.topicId ?? 0) : 0, filter });
    session.uplink?.send({ cmd: 'subscribe', messageId: packet.msgId, subscriptions: [{ topic: filter, qos: Math.max(0, packet.qos) }] });
  }

  private onUnsubscribe(session: Session, packet: Extract<SnPacket, { type: 'unsubscribe' }>): void {
    const filter = packet.topicIdType === 0 ? packet.topicName : this.topicOf(session, packet.topicIdType, packet.topicId, packet.shortTopic);
    if (filter === undefined || packet.msgId === 0) {
      this.send(session, { type: 'unsuback', msgId: packet.msgId });
      return;
    }
    session.uplink?.send({ cmd: 'unsubscribe', messageId: packet.msgId, unsubscriptions: [filter] });
  }

  private onPingreq(address: string, session: Session | undefined, clientId: string | undefined): void {
    const target = clientId !== undefined ? this.sessions.get(clientId) : session;
    if (!target) {
      this.note(undefined, `PINGREQ from ${address}${clientId ? ` naming ${clientId}` : ''}, which is not connected: ignored`, { address });
      return;
    }
    if (target.state === 'asleep' || target.state === 'awake') {
      // §6.14: PINGREQ from a sleeping client wakes it; buffered messages go first, then PINGRESP.
      this.bind(target, address);
      target.state = 'awake';
      target.pingPending = true;
      this.note(target, `awake (PINGREQ): ${target.queue.length} buffered message(s) to deliver before PINGRESP (§6.14)`, { buffered: target.queue.length });
      this.supervise(target);
      this.pump(target);
      return;
    }
    if (target.state === 'active' && target.address === address) this.send(target, { type: 'pingresp' });
  }

  private onDisconnect(session: Session, duration: number | undefined): void {
    if (duration !== undefined && duration > 0 && session.uplink) {
      // §6.14: DISCONNECT with a Duration: acknowledged by DISCONNECT, the client is asleep.
      this.send(session, { type: 'disconnect' });
      session.state = 'asleep';
      session.sleepDuration = duration;
      session.pingPending = false;
      this.note(session, `asleep for ${duration} s: the gateway buffers its messages (§6.14)`, { duration });
      this.supervise(session);
      return;
    }
    // §6.12: acknowledged by DISCONNECT; the MQTT connection ends with a DISCONNECT too, so no will.
    this.send(session, { type: 'disconnect' });
    this.end(session, 'disconnected (DISCONNECT, §6.12)', true);
  }

  private onDelivered(session: Session, type: 'puback' | 'pubcomp', msgId: number, returnCode: number): void {
    const brokerId = session.outbound.get(msgId);
    if (brokerId === undefined) return;
    session.outbound.delete(msgId);
    if (returnCode !== ReturnCode.accepted) this.note(session, `the client answered PUBACK return code ${returnCode} for MsgId ${msgId}`);
    session.uplink?.send({ cmd: type, messageId: brokerId });
    this.finishWake(session);
  }

  // ---- broker → gateway → client ----------------------------------------------------------------

  private fromBroker(session: Session, uplink: Uplink, packet: MqttPacket): void {
    if (session.uplink !== uplink) return;
    const messageId = packet['messageId'] as number;
    switch (packet.cmd) {
      case 'connack': {
        const code = packet['returnCode'] as number;
        if (code === 0) {
          session.state = 'active';
          this.send(session, { type: 'connack', returnCode: ReturnCode.accepted });
          this.supervise(session);
          this.pump(session);
        } else {
          // MQTT-SN has no "not authorized": "not supported" is the nearest refusal (§5.3.10).
          this.send(session, { type: 'connack', returnCode: ReturnCode.notSupported });
          this.end(session, `the broker refused the connection (CONNACK return code ${code})`, false);
        }
        return;
      }
      case 'puback': {
        const topicId = session.inbound.get(messageId) ?? 0;
        session.inbound.delete(messageId);
        this.send(session, { type: 'puback', topicId, msgId: messageId, returnCode: ReturnCode.accepted });
        return;
      }
      case 'pubrec':
      case 'pubcomp':
        this.send(session, { type: packet.cmd, msgId: messageId });
        return;
      case 'pubrel':
        for (const [msgId, brokerId] of session.outbound) if (brokerId === messageId) this.send(session, { type: 'pubrel', msgId });
        return;
      case 'suback':
        this.onSuback(session, messageId, (packet['granted'] as number[])[0] ?? 0x80);
        return;
      case 'unsuback':
        this.send(session, { type: 'unsuback', msgId: messageId });
        return;
      case 'publish':
        if (session.state === 'asleep') {
          if (session.queue.length >= MAX_BUFFERED) {
            const dropped = session.queue.shift();
            if (dropped) this.acknowledgeToBroker(session, dropped);
            this.note(session, `buffer full (${MAX_BUFFERED}): the oldest buffered message was dropped`);
          }
          this.host.recorder.event({ event: 'message-queued', clientId: session.clientId, topic: packet['topic'] as string, qos: packet['qos'] as number, reason: 'the client is asleep: buffered by the MQTT-SN gateway (§6.14)' });
        }
        session.queue.push(packet);
        this.pump(session);
        return;
      default:
        return;
    }
  }

  private onSuback(session: Session, msgId: number, granted: number): void {
    const pending = session.subscribing.get(msgId);
    session.subscribing.delete(msgId);
    if (!pending) return;
    if (granted >= 0x80) {
      this.send(session, { type: 'suback', qos: 0, topicId: 0, msgId, returnCode: ReturnCode.notSupported });
      return;
    }
    // §5.4.16: the topic id the gateway will use for this topic; 0x0000 for wildcards and short names.
    let topicId = pending.topicId;
    if (pending.topicIdType === 0 && isValidTopicName(pending.filter)) topicId = session.topics.idFor(pending.filter);
    this.send(session, { type: 'suback', qos: granted as SnQoS, topicId, msgId, returnCode: ReturnCode.accepted });
  }

  /** Sends queued broker PUBLISHes while the client can receive them (active or awake, no REGISTER pending). */
  private pump(session: Session): void {
    while ((session.state === 'active' || session.state === 'awake') && !session.registering) {
      const next = session.queue[0];
      if (!next) break;
      if (!this.deliver(session, next)) break;
      session.queue.shift();
    }
    this.finishWake(session);
  }

  /** Sends one PUBLISH to the client; false when a REGISTER must go first (§6.10). */
  private deliver(session: Session, packet: MqttPacket): boolean {
    const topic = packet['topic'] as string;
    const qos = packet['qos'] as 0 | 1 | 2;
    let ref: { topicIdType: TopicIdType; topicId?: number; shortTopic?: string };
    const normal = session.topics.known(topic);
    const predefined = this.predefined.idOf(topic);
    if (normal !== undefined) ref = { topicIdType: 0, topicId: normal };
    else if (predefined !== undefined) ref = { topicIdType: 1, topicId: predefined };
    else if (isShortTopicName(topic)) ref = { topicIdType: 2, shortTopic: topic };
    else {
      // §6.10: a topic the client has no id for (a wildcard subscription): REGISTER first, then PUBLISH after REGACK.
      const msgId = this.nextMsgId(session);
      const topicId = session.topics.idFor(topic);
      session.registering = { msgId, topicId };
      this.send(session, { type: 'register', topicId, msgId, topicName: topic });
      return false;
    }
    const msgId = qos > 0 ? this.nextMsgId(session) : 0;
    if (qos > 0) session.outbound.set(msgId, packet['messageId'] as number);
    const payload = packet['payload'] as Uint8Array | undefined;
    this.send(session, { type: 'publish', dup: false, qos, retain: Boolean(packet['retain']), ...ref, msgId, data: payload ? Uint8Array.from(payload) : new Uint8Array() });
    return true;
  }

  /** §6.14: once an awake client has everything (and acknowledged it), PINGRESP sends it back to sleep. */
  private finishWake(session: Session): void {
    if (session.state !== 'awake' || !session.pingPending) return;
    if (session.queue.length > 0 || session.registering || session.outbound.size > 0) return;
    session.pingPending = false;
    this.send(session, { type: 'pingresp' });
    session.state = 'asleep';
    this.note(session, 'asleep again after PINGRESP (§6.14)');
    this.supervise(session);
  }

  private nextMsgId(session: Session): number {
    const id = session.nextMsgId;
    session.nextMsgId = id >= 0xffff ? 1 : id + 1;
    return id;
  }

  /** Tells the broker a message the client will never get is done with, so it does not wait for it. */
  private acknowledgeToBroker(session: Session, packet: MqttPacket): void {
    const qos = packet['qos'] as number;
    if (qos === 1) session.uplink?.send({ cmd: 'puback', messageId: packet['messageId'] });
    if (qos === 2) session.uplink?.send({ cmd: 'pubrec', messageId: packet['messageId'] });
  }

  // ---- QoS -1 without a connection --------------------------------------------------------------

  /** The gateway's own MQTT connection, for QoS -1 PUBLISHes from clients it has no connection for. */
  private publishShared(packet: MqttPacket): void {
    if (!this.shared || this.shared.uplink.closed) {
      const { stream } = this.host.connectLink();
      const shared: { uplink: Uplink; ready: boolean; waiting: MqttPacket[] } = { uplink: undefined as unknown as Uplink, ready: false, waiting: [] };
      shared.uplink = new Uplink(stream, (reply) => {
        if (reply.cmd !== 'connack') return;
        shared.ready = true;
        for (const waiting of shared.waiting.splice(0)) shared.uplink.send(waiting);
      });
      shared.uplink.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: `mqtt-sn-gateway-${this.gatewayId}`, keepalive: 0 });
      this.shared = shared;
    }
    if (this.shared.ready) this.shared.uplink.send(packet);
    else this.shared.waiting.push(packet);
  }

  // ---- supervision and ending -------------------------------------------------------------------

  private bind(session: Session, address: string): void {
    if (session.address !== address && this.byAddress.get(session.address) === session) this.byAddress.delete(session.address);
    session.address = address;
    this.byAddress.set(address, session);
  }

  /** (Re)starts the keep-alive timer (active) or the sleep timer (asleep, awake). */
  private supervise(session: Session): void {
    session.timer?.cancel();
    session.timer = undefined;
    const asleep = session.state === 'asleep' || session.state === 'awake';
    const seconds = asleep ? session.sleepDuration : session.state === 'active' ? session.keepAlive : 0;
    if (seconds === 0) return;
    session.timer = this.host.clock.setTimer(() => {
      this.end(session, asleep ? `lost: no message within 1.5 × its sleep duration of ${seconds} s (§6.14)` : `lost: keep-alive timeout (1.5 × ${seconds} s, §6.11, §6.14)`, false, 'lost');
    }, seconds * 1000 * GRACE);
  }

  /**
   * Ends a client's session on the gateway. `graceful`: its MQTT connection ends with DISCONNECT
   * (no will); otherwise it drops, and the broker publishes the will, as for a lost client (§6.14).
   */
  private end(session: Session, reason: string, graceful: boolean, state: 'disconnected' | 'lost' = 'disconnected'): void {
    if (session.state === 'disconnected' || session.state === 'lost') return;
    session.state = state;
    session.timer?.cancel();
    if (session.queue.length > 0) this.note(session, `${session.queue.length} buffered message(s) discarded`);
    session.queue = [];
    if (this.sessions.get(session.clientId) === session) this.sessions.delete(session.clientId);
    if (this.byAddress.get(session.address) === session) this.byAddress.delete(session.address);
    if (!session.cleanSession) this.storedTopics.set(session.clientId, session.topics);
    this.note(session, reason);
    session.uplink?.close(graceful);
  }

  private uplinkClosed(session: Session, uplink: Uplink): void {
    if (session.uplink !== uplink || session.state === 'disconnected' || session.state === 'lost') return;
    // The broker ended the connection (restart, takeover): the client is told with DISCONNECT (§6.12).
    this.send(session, { type: 'disconnect' });
    this.end(session, 'the broker closed its MQTT connection', false);
  }

  private scheduleAdvertise(seconds: number): void {
    this.advertiseTimer = this.host.clock.setTimer(() => {
      if (this.closed) return;
      this.advertise(seconds);
      this.scheduleAdvertise(seconds);
    }, seconds * 1000);
  }
}

