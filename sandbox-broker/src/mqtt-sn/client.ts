/**
 * A small MQTT-SN v1.2 client over a datagram socket: what learners, scenarios, demos and tests use
 * to talk to the sandbox's gateway. Every method maps to one message exchange of the spec, so the
 * record reads like the procedures of §6. Requests are retransmitted (PUBLISH and SUBSCRIBE with
 * DUP set) after `retryMs` up to `retries` times, as §6.13 asks, which matters once datagrams are lost.
 */
import { decodeSnPacket, encodeSnPacket, type SnPacket } from './codec.ts';
import { PROTOCOL_ID, RETURN_CODE_TEXT, ReturnCode, type SnQoS, type TopicIdType } from './constants.ts';
import type { DatagramSocket } from './datagram.ts';

/** How a PUBLISH names its topic: a registered (normal) id, a pre-defined id, or a two-character short name (§6.7). */
export type SnTopic = { topicId: number } | { predefined: number } | { short: string };

export interface SnConnectOptions {
  clientId: string;
  /** Keep-alive duration in seconds (§5.4.4 Duration); 0 = no supervision. Default 60. */
  keepAlive?: number;
  /** Default true. */
  cleanSession?: boolean;
  will?: { topic: string; payload: string | Uint8Array; qos?: 0 | 1 | 2; retain?: boolean };
}

export interface SnMessage {
  /** The topic name when the client knows it (registered, subscribed, pre-defined or short). */
  topic: string | undefined;
  topicIdType: TopicIdType;
  topicId: number | undefined;
  payload: Uint8Array;
  /** The payload as UTF-8 text. */
  text: string;
  qos: SnQoS;
  retain: boolean;
}

export interface SnClientOptions {
  /** Pre-defined topic ids this client knows (id → name), as configured on the gateway. */
  predefinedTopics?: Record<string, string>;
  /** Wait this long for an answer before retransmitting (§6.13 T_retry). Default 1000 ms. */
  retryMs?: number;
  /** Retransmissions before giving up (§6.13 N_retry). Default 3. */
  retries?: number;
  /** Send PINGREQ every keep-alive period on a real timer (§6.11). Default true; demos on a virtual clock turn it off. */
  autoPing?: boolean;
}

type Matcher = (packet: SnPacket) => boolean;
interface Waiter {
  match: Matcher;
  resolve: (packet: SnPacket) => void;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class MqttSnError extends Error {}

export class MqttSnClient {
  clientId: string | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly messageListeners: ((message: SnMessage) => void)[] = [];
  private readonly topicsById = new Map<number, string>();
  private readonly predefined: Map<number, string>;
  private readonly retryMs: number;
  private readonly retries: number;
  private readonly autoPing: boolean;
  private nextMsgId = 1;
  /** QoS 2 messages received and not yet released (the PUBLISH may be sent again). */
  private readonly receivedQoS2 = new Set<number>();
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private readonly activityListeners: (() => void)[] = [];
  ended = false;

  private readonly socket: DatagramSocket;

  constructor(socket: DatagramSocket, options: SnClientOptions = {}) {
    this.socket = socket;
    this.predefined = new Map(Object.entries(options.predefinedTopics ?? {}).map(([id, name]) => [Number(id), name]));
    this.retryMs = options.retryMs ?? 1000;
    this.retries = options.retries ?? 3;
    this.autoPing = options.autoPing ?? true;
    socket.onDatagram((datagram) => this.receive(datagram));
    socket.onClose(() => this.stopTimers());
  }

  /** Called for every message from the gateway (after any acknowledgement has been sent). */
  onMessage(listener: (message: SnMessage) => void): void {
    this.messageListeners.push(listener);
  }

  /** Called on every datagram sent or received (the exercise runner watches it to tell when a run is idle). */
  onActivity(listener: () => void): void {
    this.activityListeners.push(listener);
  }

  /** SEARCHGW (§6.1): resolves with the GwId of the gateway that answers. */
  async searchGateway(radius = 1): Promise<number> {
    const reply = await this.request({ type: 'searchgw', radius }, (p) => p.type === 'gwinfo');
    return reply.type === 'gwinfo' ? reply.gwId : 0;
  }

  /** CONNECT (§6.2), with the WILLTOPICREQ/WILLMSGREQ prompts when a will is given; resolves on CONNACK accepted. */
  async connect(options: SnConnectOptions): Promise<void> {
    this.clientId = options.clientId;
    const will = options.will;
    const keepAlive = options.keepAlive ?? 60;
    const connect: SnPacket = { type: 'connect', will: will !== undefined, cleanSession: options.cleanSession ?? true, protocolId: PROTOCOL_ID, duration: keepAlive, clientId: options.clientId };
    let reply: SnPacket;
    if (will) {
      await this.request(connect, (p) => p.type === 'willtopicreq');
      await this.request({ type: 'willtopic', qos: will.qos ?? 0, retain: will.retain ?? false, willTopic: will.topic }, (p) => p.type === 'willmsgreq');
      reply = await this.request({ type: 'willmsg', willMsg: bytesOf(will.payload) }, (p) => p.type === 'connack');
    } else {
      reply = await this.request(connect, (p) => p.type === 'connack');
    }
    this.expectAccepted(reply, 'CONNECT');
    this.startKeepAlive(keepAlive);
  }

  /** REGISTER (§6.5): resolves with the topic id the gateway assigned to `topicName`. */
  async register(topicName: string): Promise<number> {
    const msgId = this.allocateMsgId();
    const reply = await this.request({ type: 'register', topicId: 0, msgId, topicName }, (p) => p.type === 'regack' && p.msgId === msgId);
    this.expectAccepted(reply, `REGISTER ${topicName}`);
    const topicId = reply.type === 'regack' ? reply.topicId : 0;
    this.topicsById.set(topicId, topicName);
    return topicId;
  }

  /**
   * PUBLISH (§6.6, §6.8): resolves once the exchange of its QoS is complete — at once for QoS 0
   * and -1, on PUBACK for 1, on PUBCOMP for 2. A PUBACK with an error return code rejects.
   */
  async publish(topic: SnTopic, payload: string | Uint8Array, options: { qos?: SnQoS; retain?: boolean } = {}): Promise<void> {
    const qos = options.qos ?? 0;
    const ref = topicRef(topic);
    const msgId = qos > 0 ? this.allocateMsgId() : 0;
    const packet: SnPacket = { type: 'publish', dup: false, qos, retain: options.retain ?? false, ...ref, msgId, data: bytesOf(payload) };
    if (qos <= 0) {
      this.send(packet);
      return;
    }
    const rejected = (p: SnPacket): boolean => p.type === 'puback' && p.msgId === msgId && p.returnCode !== ReturnCode.accepted;
    const first = await this.request(packet, (p) => rejected(p) || (qos === 1 ? p.type === 'puback' : p.type === 'pubrec') && (p as { msgId: number }).msgId === msgId, { ...packet, dup: true });
    this.expectAccepted(first, 'PUBLISH');
    if (qos === 2) await this.request({ type: 'pubrel', msgId }, (p) => p.type === 'pubcomp' && p.msgId === msgId);
  }

  /** SUBSCRIBE (§6.9) by topic name (wildcards allowed), pre-defined id or short name: resolves with the granted QoS and topic id. */
  async subscribe(topic: string | { predefined: number } | { short: string }, options: { qos?: 0 | 1 | 2 } = {}): Promise<{ topicId: number; qos: SnQoS }> {
    const msgId = this.allocateMsgId();
    const ref: { topicIdType: TopicIdType; topicName?: string; topicId?: number; shortTopic?: string } =
      typeof topic === 'string' ? { topicIdType: 0, topicName: topic } : 'predefined' in topic ? { topicIdType: 1, topicId: topic.predefined } : { topicIdType: 2, shortTopic: topic.short };
    const packet: SnPacket = { type: 'subscribe', dup: false, qos: options.qos ?? 0, ...ref, msgId };
    const reply = await this.request(packet, (p) => p.type === 'suback' && p.msgId === msgId, { ...packet, dup: true });
    this.expectAccepted(reply, 'SUBSCRIBE');
    const granted = reply.type === 'suback' ? reply : undefined;
    if (typeof topic === 'string' && granted && granted.topicId !== 0) this.topicsById.set(granted.topicId, topic);
    return { topicId: granted?.topicId ?? 0, qos: granted?.qos ?? 0 };
  }

  /** UNSUBSCRIBE (§6.9). */
  async unsubscribe(topic: string): Promise<void> {
    const msgId = this.allocateMsgId();
    await this.request({ type: 'unsubscribe', topicIdType: 0, msgId, topicName: topic }, (p) => p.type === 'unsuback' && p.msgId === msgId);
  }

  /** PINGREQ (§6.11): resolves on PINGRESP. */
  async ping(): Promise<void> {
    await this.request({ type: 'pingreq' }, (p) => p.type === 'pingresp');
  }

  /** DISCONNECT with a Duration (§6.14): the client is asleep once the gateway's DISCONNECT arrives. */
  async sleep(durationSeconds: number): Promise<void> {
    if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > 0xffff) throw new MqttSnError('a sleep duration is a whole number of seconds from 1 to 65535');
    this.stopTimers();
    await this.request({ type: 'disconnect', duration: durationSeconds }, (p) => p.type === 'disconnect');
  }

  /**
   * PINGREQ with the ClientId (§6.14): the gateway sends what it buffered, then PINGRESP. Resolves
   * with the messages delivered during that awake period; the client is asleep again afterwards.
   */
  async wake(): Promise<SnMessage[]> {
    if (!this.clientId) throw new MqttSnError('wake() needs a client that connected first');
    const received: SnMessage[] = [];
    const collect = (message: SnMessage): void => void received.push(message);
    this.messageListeners.push(collect);
    try {
      await this.request({ type: 'pingreq', clientId: this.clientId }, (p) => p.type === 'pingresp');
    } finally {
      this.messageListeners.splice(this.messageListeners.indexOf(collect), 1);
    }
    return received;
  }

  /** DISCONNECT without a Duration (§6.12), then the socket closes. */
  async disconnect(): Promise<void> {
    this.stopTimers();
    try {
      await this.request({ type: 'disconnect' }, (p) => p.type === 'disconnect');
    } finally {
      this.end();
    }
  }

  /** Closes the socket at once, saying nothing to the gateway (like a device losing power). */
  end(): void {
    this.stopTimers();
    this.ended = true;
    this.socket.close();
  }

  // ---- internals ------------------------------------------------------------------------------

  private send(packet: SnPacket): void {
    if (this.socket.closed) throw new MqttSnError('the client has ended: its socket is closed');
    this.socket.send(encodeSnPacket(packet));
    for (const listener of this.activityListeners) listener();
  }

  /** Sends and waits for the matching reply, retransmitting `again` (default: the same message). */
  private request(packet: SnPacket, match: Matcher, again: SnPacket = packet): Promise<SnPacket> {
    return new Promise((resolve, reject) => {
      let tries = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        match,
        resolve: (reply) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reply);
        },
      };
      const attempt = (message: SnPacket): void => {
        try {
          this.send(message);
        } catch (error) {
          this.waiters.delete(waiter);
          reject(error);
          return;
        }
        timer = setTimeout(() => {
          if (++tries > this.retries) {
            this.waiters.delete(waiter);
            reject(new MqttSnError(`no answer from the gateway to ${packet.type.toUpperCase()} after ${this.retries + 1} tries`));
          } else {
            attempt(again);
          }
        }, this.retryMs);
      };
      this.waiters.add(waiter);
      attempt(packet);
    });
  }

  private receive(datagram: Uint8Array): void {
    for (const listener of this.activityListeners) listener();
    const decoded = decodeSnPacket(datagram);
    if (!decoded.ok) return;
    const packet = decoded.packet;
    switch (packet.type) {
      case 'register':
        // §6.10: the gateway names a topic before publishing on it.
        this.topicsById.set(packet.topicId, packet.topicName);
        this.send({ type: 'regack', topicId: packet.topicId, msgId: packet.msgId, returnCode: ReturnCode.accepted });
        return;
      case 'publish':
        this.onPublish(packet);
        return;
      case 'pubrel':
        this.receivedQoS2.delete(packet.msgId);
        this.send({ type: 'pubcomp', msgId: packet.msgId });
        return;
      default:
        break;
    }
    for (const waiter of this.waiters) {
      if (waiter.match(packet)) {
        waiter.resolve(packet);
        return;
      }
    }
  }

  private onPublish(packet: Extract<SnPacket, { type: 'publish' }>): void {
    const topic = packet.topicIdType === 2 ? packet.shortTopic : packet.topicIdType === 1 ? this.predefined.get(packet.topicId ?? 0) : this.topicsById.get(packet.topicId ?? 0);
    if (topic === undefined && packet.topicIdType === 0) {
      // §6.10: an unknown topic id is refused, so the gateway knows the client missed a REGISTER.
      this.send({ type: 'puback', topicId: packet.topicId ?? 0, msgId: packet.msgId, returnCode: ReturnCode.invalidTopicId });
      return;
    }
    const duplicate = packet.qos === 2 && this.receivedQoS2.has(packet.msgId);
    if (packet.qos === 1) this.send({ type: 'puback', topicId: packet.topicId ?? 0, msgId: packet.msgId, returnCode: ReturnCode.accepted });
    if (packet.qos === 2) {
      this.receivedQoS2.add(packet.msgId);
      this.send({ type: 'pubrec', msgId: packet.msgId });
    }
    if (duplicate) return;
    const message: SnMessage = { topic, topicIdType: packet.topicIdType, topicId: packet.topicId, payload: packet.data, text: fromUtf8.decode(packet.data), qos: packet.qos, retain: packet.retain };
    for (const listener of [...this.messageListeners]) listener(message);
  }

  private expectAccepted(reply: SnPacket, what: string): void {
    const code = 'returnCode' in reply ? reply.returnCode : ReturnCode.accepted;
    if (code !== ReturnCode.accepted) throw new MqttSnError(`${what} refused by the gateway: ${RETURN_CODE_TEXT[code] ?? `return code ${code}`}`);
  }

  private allocateMsgId(): number {
    const id = this.nextMsgId;
    this.nextMsgId = id >= 0xffff ? 1 : id + 1;
    return id;
  }

  /** §6.11: a PINGREQ every keep-alive period while connected and awake. */
  private startKeepAlive(seconds: number): void {
    this.stopTimers();
    if (seconds <= 0 || !this.autoPing) return;
    this.keepAliveTimer = setInterval(() => {
      if (!this.socket.closed) this.send({ type: 'pingreq' });
    }, seconds * 1000);
  }

  private stopTimers(): void {
    if (this.keepAliveTimer !== undefined) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}

function bytesOf(payload: string | Uint8Array): Uint8Array {
  return typeof payload === 'string' ? utf8.encode(payload) : payload;
}

function topicRef(topic: SnTopic): { topicIdType: TopicIdType; topicId?: number; shortTopic?: string } {
  if ('short' in topic) return { topicIdType: 2, shortTopic: topic.short };
  if ('predefined' in topic) return { topicIdType: 1, topicId: topic.predefined };
  return { topicIdType: 0, topicId: topic.topicId };
}
