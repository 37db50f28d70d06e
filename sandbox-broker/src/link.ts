/**
 * A link: one client connection. It sits between the client's byte stream and aedes, frames and
 * decodes every packet in both directions, records it, applies instruments, enforces the
 * protocol rules aedes lacks (or gets wrong) and rewrites packets where the sandbox implements a
 * feature itself (keep-alive, wills, session expiry and message expiry on the broker clock,
 * shared subscriptions, flow control, limits).
 */
import { Buffer } from 'buffer';
import type { Duplex } from 'readable-stream';
import { createDuplexPair } from './duplex-pair.ts';
import { InboundWindow, OutboundWindow } from './flow-control.ts';
import { OutboundTopicAliases } from './outbound-aliases.ts';
import { Framer, type FrameResult } from './framer.ts';
import { Lane } from './lane.ts';
import { applyExpiry, stampExpiry } from './message-expiry.ts';
import { PacketDecoder, encodePacket, toPlainPacket, type WirePacket } from './packet-codec.ts';
import { checkPublish } from './publish-rules.ts';
import { checkSubscribe, type Subscription } from './subscribe-rules.ts';
import { ReasonCode } from './reason-codes.ts';
import type { Direction, ProtocolLevel } from './record-types.ts';
import { parseShare, sharedTopicToReal } from './shared-subscriptions.ts';
import { isValidTopicName } from './topic-match.ts';
import type { LinkHost } from './link-host.ts';
import type { TimerHandle } from './clock.ts';
import { canPublish } from './access-control.ts';
import { raisedTopicToReal } from './delivery-qos.ts';
import type { AuthConversation, AuthStep } from './enhanced-auth/method.ts';

const NEVER_EXPIRES = 0xffffffff;
/** Where a 3.1.1 publish the ACL denies is sent: nobody may subscribe there, so it is silently dropped. */
export const DENIED_TOPIC = '$sandbox/denied';

export interface WillMessage {
  topic: string;
  payload: Buffer;
  qos: number;
  retain: boolean;
  properties?: Record<string, unknown>;
}

type Properties = Record<string, unknown>;
type State = 'awaiting-connect' | 'authenticating' | 'connecting' | 'connected' | 'closed';

export class Link {
  state: State = 'awaiting-connect';
  level: ProtocolLevel = 4;
  clientId = '';
  username: string | undefined;
  cleanStart = true;
  /** Session Expiry Interval (s) the client asked for (5.0), updated by DISCONNECT. */
  sessionExpiry = 0;
  will: WillMessage | undefined;
  /** Why the link closed, decided by whoever closes it first. */
  cause: string | undefined;
  /** True after a DISCONNECT that discards the will (any 5.0 reason but 0x04). */
  willDiscarded = false;
  /** Set when another connection with the same client id took this session over. */
  takenOver = false;
  /** The enhanced authentication method named in CONNECT (5.0 §4.12), once the broker accepted it. */
  authenticationMethod: string | undefined;
  /** The method's conversation while an exchange (first or re-authentication) is running. */
  private authConversation: AuthConversation | undefined;
  /** The method's last message, for the successful CONNACK's Authentication Data. */
  private finalAuthData: Uint8Array | undefined;
  /** The CONNECT for aedes, held until enhanced authentication succeeds. */
  private heldConnect: WirePacket | undefined;
  /** Inbound packets that arrived while an authentication step was being computed, in order. */
  private heldInbound: (() => void)[] | undefined;
  private keepAliveSeconds = 0;
  private requestedKeepAlive = 0;
  private keepAliveTimer: TimerHandle | undefined;
  private clientMaximumPacketSize = 0;
  private readonly outboundWindow = new OutboundWindow();
  private outboundAliases = new OutboundTopicAliases(0);
  private readonly inboundWindow: InboundWindow;
  /** QoS 2 message ids whose PUBLISH the link discarded: aedes' PUBREL is answered here. */
  private readonly phantomQoS2 = new Set<number>();
  private readonly aliases = new Map<number, string>();
  private readonly pendingSubscribes = new Map<number, string[]>();
  private readonly inFramer: Framer;
  private readonly outFramer = new Framer(0);
  private readonly inDecoder = new PacketDecoder();
  private readonly outDecoder = new PacketDecoder();
  private readonly inLane: Lane;
  private readonly outLane: Lane;
  private readonly brokerSide: Duplex;
  private readonly linkSide: Duplex;
  /**
   * The client's packets after its CONNECT, held until aedes has finished connecting it. aedes
   * queues packets that arrive while it is still connecting but handles the first packet of a
   * later batch at once, so a DISCONNECT could overtake the queued PUBLISHes before it and close
   * the connection with them unprocessed — messages a client sent before leaving would be lost.
   * `undefined` once aedes is ready (and before the CONNECT): packets go straight through.
   */
  private heldForBroker: Buffer[] | undefined;
  /** The link closed while packets were held: end aedes' side once they have been handed over. */
  private endBrokerSideWhenReady = false;

  constructor(
    private readonly host: LinkHost,
    private readonly outer: Duplex,
    readonly linkId: number,
  ) {
    this.inFramer = new Framer(host.options.maximumPacketSize ?? 0);
    this.inboundWindow = new InboundWindow(host.options.receiveMaximum);
    this.inLane = new Lane(host.clock);
    this.outLane = new Lane(host.clock);
    [this.brokerSide, this.linkSide] = createDuplexPair();

    outer.on('data', (chunk: Uint8Array) => this.onFrames('in', this.inFramer.push(chunk)));
    this.linkSide.on('data', (chunk: Uint8Array) => this.onFrames('out', this.outFramer.push(chunk)));
    for (const event of ['end', 'close', 'error'] as const) {
      outer.on(event, () => this.close(this.willDiscarded ? 'client DISCONNECT' : 'link closed'));
      this.linkSide.on(event, () => this.close(this.takenOver ? 'session taken over' : 'closed by broker'));
    }
    // Backpressure: a slow reader on one side pauses the writer on the other.
    outer.on('drain', () => this.linkSide.resume());
    this.linkSide.on('drain', () => outer.resume());
    host.attachToBroker(this.brokerSide, this);
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  /** aedes finished connecting the client: hand over, in order, what the client sent meanwhile. */
  brokerConnected(): void {
    const held = this.heldForBroker;
    if (held === undefined) return;
    this.heldForBroker = undefined;
    for (const bytes of held) this.sendToBroker(bytes);
    if (this.endBrokerSideWhenReady) endThenDestroy(this.linkSide);
  }

  /** Closes the link without DISCONNECT, like a network failure. */
  cut(cause: string): void {
    this.close(cause);
  }

  /** Closes with a 5.0 DISCONNECT carrying `reasonCode` first (when the client speaks 5.0 and is connected). */
  disconnectWith(reasonCode: number, cause: string): void {
    if (this.state === 'closed') return;
    if (this.level === 5 && this.state === 'connected') {
      this.sendToClient({ cmd: 'disconnect', reasonCode });
    }
    this.close(cause, true);
  }

  /** @param flush let the last packets written (CONNACK, DISCONNECT) reach the client before closing */
  private close(cause: string, flush = false): void {
    if (this.state === 'closed') return;
    const wasConnected = this.state === 'connected';
    this.state = 'closed';
    this.cause ??= cause;
    this.keepAliveTimer?.cancel();
    if (flush) endThenDestroy(this.outer);
    else this.outer.destroy();
    // aedes reads what was already forwarded (a DISCONNECT that ends its session, say) before the end.
    if (this.heldForBroker !== undefined) this.endBrokerSideWhenReady = true;
    else endThenDestroy(this.linkSide);
    this.host.linkClosed(this, wasConnected);
  }

  // ---- framing, decoding, instruments -------------------------------------------------------

  private onFrames(direction: Direction, frames: FrameResult[]): void {
    for (const frame of frames) {
      if (this.state === 'closed') return;
      if (frame.kind === 'too-large') {
        this.violation(direction, ReasonCode.packetTooLarge, `packet of ${frame.size} bytes exceeds the maximum packet size`);
        return;
      }
      if (frame.kind === 'malformed-length') {
        this.violation(direction, ReasonCode.malformedPacket, 'malformed remaining length');
        return;
      }
      const decoded = (direction === 'in' ? this.inDecoder : this.outDecoder).decode(frame.bytes);
      if (!decoded.ok) {
        this.violation(direction, ReasonCode.malformedPacket, `malformed packet: ${decoded.error}`, frame.bytes);
        return;
      }
      const packet = decoded.packet;
      if (direction === 'in' && packet.cmd === 'connect') {
        // The CONNECT fixes the protocol level of both directions.
        this.level = packet['protocolVersion'] as ProtocolLevel;
        this.inDecoder.setProtocolLevel(this.level);
        this.outDecoder.setProtocolLevel(this.level);
      }
      let bytes = frame.bytes;
      if (direction === 'out' && packet.cmd === 'publish' && this.markRedelivery(packet)) bytes = encodePacket(packet, this.level);
      const decision = this.host.instruments.decide(this.linkId, this.clientId, direction, packet.cmd);
      if (decision.drop) continue;
      const lane = direction === 'in' ? this.inLane : this.outLane;
      const deliver = (): void => {
        if (this.state === 'closed') return;
        if (direction === 'in') this.fromClient(packet, bytes);
        else this.fromBroker(packet, bytes);
      };
      // An authentication step is asynchronous (Web Crypto): what the client sends meanwhile waits its turn.
      lane.push(decision.delayMs, () => (direction === 'in' && this.heldInbound ? this.heldInbound.push(deliver) : deliver()));
    }
  }

  /**
   * 3.1.1 [MQTT-3.3.1-1] / 5.0 [MQTT-3.3.1-1]: a re-delivery attempt of a QoS>0 PUBLISH carries DUP=1.
   * aedes resends unacknowledged messages on reconnect without it, so the link sets it.
   * Returns true when the packet was changed.
   */
  private markRedelivery(packet: WirePacket): boolean {
    if ((packet['qos'] as number) === 0) return false;
    const unacknowledged = this.host.unacknowledged(this.clientId);
    const id = packet['messageId'] as number;
    if (!unacknowledged.has(id)) {
      unacknowledged.add(id);
      return false;
    }
    if (packet['dup']) return false;
    packet['dup'] = true;
    return true;
  }

  private violation(direction: Direction, reasonCode: number, text: string, raw?: Buffer): void {
    if (direction === 'out') {
      // aedes produced something we cannot decode: a broker bug, never the client's fault.
      this.host.recorder.event({ event: 'protocol-error', clientId: this.clientId, linkId: this.linkId, reason: `broker sent ${text}` });
      this.close(`broker error: ${text}`);
      return;
    }
    const detail: Record<string, unknown> = {};
    if (raw) detail['raw'] = raw.toString('base64');
    this.host.recorder.event({ event: 'protocol-error', clientId: this.clientId, linkId: this.linkId, reason: text, reasonCode, detail });
    this.disconnectWith(reasonCode, `protocol error: ${text}`);
  }

  // ---- recording and sending ----------------------------------------------------------------

  private record(direction: Direction, packet: WirePacket, raw: Buffer): void {
    this.host.countPacket(direction, packet, raw.length);
    this.host.recorder.add({ kind: 'packet', direction, clientId: this.clientId, linkId: this.linkId, packet: toPlainPacket(packet), raw: raw.toString('base64') });
  }

  private sendToClient(original: WirePacket, raw?: Buffer): void {
    if (this.outer.destroyed) return;
    // Aliases are assigned here, in the order PUBLISHes really leave, so the client's map stays in step.
    const aliased = original.cmd === 'publish' ? this.outboundAliases.apply(original) : undefined;
    const packet = aliased ?? original;
    const bytes = aliased || !raw ? encodePacket(packet, this.level) : raw;
    this.record('out', packet, bytes);
    if (!this.outer.write(bytes)) this.linkSide.pause();
  }

  private sendToBroker(bytes: Buffer): void {
    if (this.heldForBroker !== undefined) {
      this.heldForBroker.push(bytes);
      return;
    }
    if (this.brokerSide.destroyed) return;
    if (!this.linkSide.write(bytes)) this.outer.pause();
  }

  private sendPacketToBroker(packet: WirePacket): void {
    let bytes: Buffer;
    try {
      bytes = encodePacket(packet, this.level);
    } catch {
      // A packet mqtt-packet can parse but not write back is not a valid MQTT packet. The
      // encoder's own message names JavaScript internals, not the packet: it is left out.
      this.violation('in', ReasonCode.malformedPacket, `malformed ${packet.cmd.toUpperCase()}: a field could not be encoded again`);
      return;
    }
    this.sendToBroker(bytes);
  }

  // ---- client -> broker ---------------------------------------------------------------------

  private fromClient(packet: WirePacket, raw: Buffer): void {
    // A CONNECT is recorded under the client id it carries.
    if (packet.cmd === 'connect' && this.state === 'awaiting-connect') this.clientId = String(packet['clientId'] ?? '');
    this.record('in', packet, raw);
    this.armKeepAlive();
    if (this.state === 'awaiting-connect' && packet.cmd !== 'connect') {
      // [MQTT-3.1.0-1]: the first packet must be CONNECT.
      this.violation('in', ReasonCode.protocolError, `first packet was ${packet.cmd}, not CONNECT`);
      return;
    }
    if (this.authenticationMethod !== undefined && this.state !== 'connected' && packet.cmd !== 'auth' && packet.cmd !== 'disconnect') {
      // [MQTT-3.1.2-30]: with an Authentication Method, only AUTH or DISCONNECT until CONNACK.
      this.violation('in', ReasonCode.protocolError, `${packet.cmd.toUpperCase()} before CONNACK during enhanced authentication`);
      return;
    }
    switch (packet.cmd) {
      case 'connect':
        this.onConnect(packet);
        return;
      case 'publish':
        this.onPublish(packet, raw);
        return;
      case 'subscribe':
        this.onSubscribe(packet, raw);
        return;
      case 'unsubscribe':
        this.onUnsubscribe(packet, raw);
        return;
      case 'disconnect':
        this.onDisconnect(packet);
        return;
      case 'auth':
        this.onAuth(packet);
        return;
      case 'puback':
      case 'pubcomp':
        this.host.unacknowledged(this.clientId).delete(packet['messageId'] as number);
        this.host.shares.acknowledged(this.clientId, packet['messageId'] as number);
        this.sendToBroker(raw);
        this.sendHeld(this.outboundWindow.acknowledged(packet['messageId'] as number));
        return;
      case 'pubrec':
        // The PUBLISH arrived: it is never resent again (only PUBREL may be).
        this.host.unacknowledged(this.clientId).delete(packet['messageId'] as number);
        this.sendToBroker(raw);
        if (((packet['reasonCode'] as number | undefined) ?? 0) >= 0x80) this.sendHeld(this.outboundWindow.acknowledged(packet['messageId'] as number));
        return;
      case 'pubrel':
      case 'pingreq':
        this.sendToBroker(raw);
        return;
      default:
        // A client may not send CONNACK, SUBACK, UNSUBACK, PINGRESP.
        this.violation('in', ReasonCode.protocolError, `a client may not send ${packet.cmd.toUpperCase()}`);
    }
  }

  private onConnect(packet: WirePacket): void {
    if (this.state !== 'awaiting-connect') {
      // [MQTT-3.1.0-2]: a second CONNECT is a protocol violation.
      this.violation('in', ReasonCode.protocolError, 'second CONNECT');
      return;
    }
    const properties = (packet['properties'] ?? {}) as Properties;
    this.state = 'connecting';
    this.clientId = packet['clientId'] as string;
    if (this.level < 5 && this.clientId === '' && !packet['clean']) {
      // 3.1.1 [MQTT-3.1.3-8]: return code 0x02 (identifier rejected), then close. aedes never sees it.
      this.sendToClient({ cmd: 'connack', returnCode: 2, sessionPresent: false });
      this.host.recorder.event({ event: 'connection-refused', linkId: this.linkId, clientId: '', reasonCode: 2, reason: 'zero-length client id with CleanSession=0 [MQTT-3.1.3-8]' });
      this.close('connection refused', true);
      return;
    }
    if (this.host.instruments.refusesConnection(this.clientId)) {
      // instruments.refuseConnections: the broker is "down", so the connection ends with no CONNACK.
      this.host.recorder.event({ event: 'connection-refused', linkId: this.linkId, clientId: this.clientId, reason: 'broker unavailable (instrument): closed without CONNACK', detail: { instrument: 'refuseConnections' } });
      this.close('broker unavailable');
      return;
    }
    this.username = packet['username'] as string | undefined;
    this.cleanStart = packet['clean'] as boolean;
    const requested = (packet['keepalive'] as number) ?? 0;
    this.requestedKeepAlive = requested;
    const limit = this.host.options.serverKeepAlive;
    this.keepAliveSeconds = this.level === 5 && limit !== undefined && (requested === 0 || requested > limit) ? limit : requested;
    this.sessionExpiry = this.level === 5 ? ((properties['sessionExpiryInterval'] as number | undefined) ?? 0) : 0;
    if (this.level === 5) this.outboundAliases = new OutboundTopicAliases((properties['topicAliasMaximum'] as number | undefined) ?? 0);
    this.outboundWindow.limit = this.level === 5 ? ((properties['receiveMaximum'] as number | undefined) ?? 65535) : Infinity;
    this.clientMaximumPacketSize = (properties['maximumPacketSize'] as number | undefined) ?? 0;
    const will = packet['will'] as (WillMessage & { properties?: Properties }) | undefined;
    if (/[\ufffd\u0000]/.test(this.clientId) || (will && (!isValidTopicName(will.topic) || /\ufffd/.test(will.topic)))) {
      // [MQTT-3.1.3-4] a well-formed UTF-8 client id; [MQTT-3.1.3-11] / 5.0 [MQTT-3.1.3-11] a valid will topic.
      this.violation('in', ReasonCode.malformedPacket, 'client id or will topic is not a valid UTF-8 string / topic name');
      return;
    }
    if (will) this.will = { ...will, payload: Buffer.from(will.payload) };

    // aedes gets a CONNECT without the timers the sandbox runs on its own clock: no keep-alive,
    // no will, and a session that never expires by itself (we end it when our timer fires).
    const forBroker: WirePacket = { ...packet, keepalive: 0 };
    delete forBroker['will'];
    if (this.level === 5 && this.sessionExpiry > 0) {
      forBroker['properties'] = { ...properties, sessionExpiryInterval: NEVER_EXPIRES };
    }
    const method = this.level === 5 ? properties['authenticationMethod'] : undefined;
    if (typeof method === 'string') this.beginAuthentication(method, forBroker, properties['authenticationData'] as Uint8Array | undefined);
    else this.forwardConnect(forBroker);
  }

  private forwardConnect(forBroker: WirePacket): void {
    this.state = 'connecting';
    this.host.linkConnecting(this);
    this.sendPacketToBroker(forBroker);
    this.heldForBroker = [];
  }

  /** Refuses a CONNECT with a 5.0 CONNACK reason code, then closes. aedes never sees it. */
  private refuseConnect(reasonCode: number, reason: string): void {
    this.sendToClient({ cmd: 'connack', reasonCode, sessionPresent: false, properties: { reasonString: reason } });
    this.host.recorder.event({ event: 'connection-refused', linkId: this.linkId, clientId: this.clientId, reasonCode, reason });
    this.close('connection refused', true);
  }

  // ---- enhanced authentication (5.0 §4.12) -------------------------------------------------

  private beginAuthentication(name: string, forBroker: WirePacket, data: Uint8Array | undefined): void {
    const method = this.host.authenticationMethod(name);
    if (!method) {
      // [MQTT-4.12.0-1]: an unsupported method gets 0x8C (or 0x87) and the connection is closed.
      this.refuseConnect(ReasonCode.badAuthenticationMethod, `authentication method "${name}" is not supported`);
      return;
    }
    this.state = 'authenticating';
    this.authenticationMethod = name;
    // aedes does not do enhanced authentication (it would refuse the CONNECT with 0x8C): it gets
    // the CONNECT without the method once the link has authenticated the client.
    const { authenticationMethod: _method, authenticationData: _data, ...rest } = (forBroker['properties'] ?? {}) as Properties;
    this.heldConnect = { ...forBroker, properties: rest };
    this.authConversation = method.start();
    this.runAuthStep(data, false);
  }

  private onAuth(packet: WirePacket): void {
    const reasonCode = (packet['reasonCode'] as number | undefined) ?? 0;
    const properties = (packet['properties'] ?? {}) as Properties;
    const code = `0x${reasonCode.toString(16).padStart(2, '0')}`;
    if (this.authenticationMethod === undefined) {
      // [MQTT-4.12.0-7]: no Authentication Method in CONNECT, no AUTH from the client.
      this.violation('in', ReasonCode.protocolError, 'AUTH from a client whose CONNECT named no Authentication Method');
      return;
    }
    if (properties['authenticationMethod'] !== this.authenticationMethod) {
      // [MQTT-4.12.0-5] / [MQTT-4.12.1-1]: every AUTH carries the method of the CONNECT.
      this.violation('in', ReasonCode.protocolError, `AUTH with Authentication Method "${String(properties['authenticationMethod'] ?? '')}", not "${this.authenticationMethod}" as in CONNECT`);
      return;
    }
    const data = properties['authenticationData'] as Uint8Array | undefined;
    if (this.authConversation) {
      // [MQTT-4.12.0-3]: the client answers the broker's AUTH with AUTH 0x18.
      if (reasonCode !== ReasonCode.continueAuthentication) this.violation('in', ReasonCode.protocolError, `AUTH reason code ${code} during an exchange (the client continues with 0x18)`);
      else this.runAuthStep(data, this.state === 'connected');
      return;
    }
    if (this.state === 'connected' && reasonCode === ReasonCode.reAuthenticate) {
      // [MQTT-4.12.1-1]: after CONNACK the client may re-authenticate with AUTH 0x19 and the same method.
      this.authConversation = this.host.authenticationMethod(this.authenticationMethod)?.start();
      this.runAuthStep(data, true);
      return;
    }
    this.violation('in', ReasonCode.protocolError, `AUTH reason code ${code} with no exchange running (re-authentication starts with 0x19, after CONNACK)`);
  }

  private runAuthStep(data: Uint8Array | undefined, reauthentication: boolean): void {
    const conversation = this.authConversation;
    if (!conversation) return;
    this.heldInbound = [];
    conversation.step(data).then(
      (step) => this.afterAuthStep(step, reauthentication),
      (error: unknown) => this.afterAuthStep({ kind: 'failure', reasonCode: ReasonCode.unspecifiedError, reason: `authentication method failed: ${String(error)}` }, reauthentication),
    );
  }

  private afterAuthStep(step: AuthStep, reauthentication: boolean): void {
    const held = this.heldInbound ?? [];
    this.heldInbound = undefined;
    if (this.state === 'closed') return;
    const method = this.authenticationMethod as string;
    if (step.kind === 'success' && reauthentication && step.username !== this.username) {
      step = { kind: 'failure', reasonCode: ReasonCode.notAuthorized, reason: `re-authenticated as "${step.username}", not "${this.username ?? ''}"` };
    }
    if (step.kind === 'continue') {
      // [MQTT-4.12.0-2]: the broker asks for more with AUTH 0x18; [MQTT-4.12.0-5] it carries the method.
      this.sendToClient({ cmd: 'auth', reasonCode: ReasonCode.continueAuthentication, properties: { authenticationMethod: method, authenticationData: Buffer.from(step.data) } });
    } else if (step.kind === 'success') {
      this.authConversation = undefined;
      this.host.recorder.event({ event: 'client-authenticated', clientId: this.clientId, linkId: this.linkId, reason: `${method} as "${step.username}"`, detail: { method, username: step.username, reauthentication } });
      if (reauthentication) {
        // 5.0 §4.12.1: a successful re-authentication ends with AUTH 0x00.
        const properties: Properties = { authenticationMethod: method };
        if (step.data) properties['authenticationData'] = Buffer.from(step.data);
        this.sendToClient({ cmd: 'auth', reasonCode: ReasonCode.success, properties });
      } else {
        this.username = step.username;
        this.finalAuthData = step.data;
        this.forwardConnect(this.heldConnect as WirePacket);
        this.heldConnect = undefined;
      }
    } else {
      this.authConversation = undefined;
      if (reauthentication) {
        // [MQTT-4.12.1-2]: a failed re-authentication ends with DISCONNECT (0x86 is no DISCONNECT code: 0x87).
        const reasonCode = step.reasonCode === ReasonCode.badUserNameOrPassword ? ReasonCode.notAuthorized : step.reasonCode;
        this.host.recorder.event({ event: 'authentication-failed', clientId: this.clientId, linkId: this.linkId, reasonCode, reason: step.reason });
        this.disconnectWith(reasonCode, `re-authentication failed: ${step.reason}`);
      } else {
        // [MQTT-4.12.0-4]: the broker may refuse at any point with a CONNACK of 0x80 or above and closes.
        this.refuseConnect(step.reasonCode, step.reason);
      }
    }
    for (const deliver of held) {
      // A held packet may itself start a step (AUTH 0x19): the rest wait again.
      const waiting = this.heldInbound as (() => void)[] | undefined;
      if (waiting) waiting.push(deliver);
      else deliver();
    }
  }

  private onPublish(packet: WirePacket, raw: Buffer): void {
    const v5 = this.level === 5;
    const properties = packet['properties'] as Properties | undefined;
    const qos = packet['qos'] as number;
    const verdict = checkPublish(packet, raw, this.level, this.host.options, this.aliases);
    if (!verdict.ok) {
      this.violation('in', verdict.reasonCode, verdict.text);
      return;
    }
    const topic = verdict.topic;
    if (v5 && qos > 0 && !this.inboundWindow.received(packet['messageId'] as number)) {
      this.violation('in', ReasonCode.receiveMaximumExceeded, `more than ${this.host.options.receiveMaximum} unacknowledged QoS>0 PUBLISHes`);
      return;
    }
    let forBroker: WirePacket | undefined;
    if (topic.startsWith('$') || !canPublish(this.host.options.acl, this.identity(), topic)) {
      this.host.recorder.event({ event: 'publish-denied', clientId: this.clientId, linkId: this.linkId, topic, qos, reasonCode: ReasonCode.notAuthorized, reason: v5 ? 'not authorized (0x87)' : 'not authorized (dropped silently)' });
      // 5.0: aedes' authorizePublish hook answers 0x87. 3.1.1 has no way to say no: the message goes nowhere.
      if (!v5) forBroker = { ...packet, topic: DENIED_TOPIC, retain: false };
    }
    if (v5 && properties?.['messageExpiryInterval'] !== undefined) {
      forBroker = { ...(forBroker ?? packet), properties: stampExpiry(properties, this.host.clock.now()) };
    }
    if (!v5 && packet['retain'] && this.host.options.retainAvailable === false) {
      forBroker = { ...(forBroker ?? packet), retain: false };
    }
    if (forBroker) this.sendPacketToBroker(forBroker);
    else this.sendToBroker(raw);
  }

  private onSubscribe(packet: WirePacket, raw: Buffer): void {
    const subscriptions = packet['subscriptions'] as Subscription[];
    const verdict = checkSubscribe(subscriptions, this.level, this.host.options.maximumQoS ?? 2, (share) => this.host.shares.privateFilter(this.clientId, share));
    if (!verdict.ok) {
      this.violation('in', verdict.reasonCode, verdict.text);
      return;
    }
    this.pendingSubscribes.set(packet['messageId'] as number, subscriptions.map((s) => s.topic));
    if (verdict.changed) this.sendPacketToBroker({ ...packet, subscriptions: verdict.subscriptions });
    else this.sendToBroker(raw);
  }

  private onUnsubscribe(packet: WirePacket, raw: Buffer): void {
    const filters = packet['unsubscriptions'] as string[];
    let changed = false;
    const rewritten = filters.map((filter) => {
      const share = parseShare(filter);
      if (!share || share === 'invalid') return filter;
      changed = true;
      this.host.shares.leave(this.clientId, share);
      return this.host.shares.privateFilter(this.clientId, share);
    });
    if (changed) this.sendPacketToBroker({ ...packet, unsubscriptions: rewritten });
    else this.sendToBroker(raw);
  }

  private onDisconnect(packet: WirePacket): void {
    if (this.state === 'authenticating') {
      // aedes has not seen the CONNECT: there is no session to end.
      this.willDiscarded = true;
      this.close('client DISCONNECT during authentication');
      return;
    }
    const reasonCode = (packet['reasonCode'] as number | undefined) ?? 0;
    const expiry = (packet['properties'] as Properties | undefined)?.['sessionExpiryInterval'] as number | undefined;
    if (this.level === 5 && expiry !== undefined) {
      if (this.sessionExpiry === 0 && expiry > 0) {
        // [MQTT-3.14.2-2]: a session that was to end with the connection cannot be made persistent now.
        this.violation('in', ReasonCode.protocolError, 'DISCONNECT sets a Session Expiry Interval after CONNECT said 0');
        return;
      }
      this.sessionExpiry = expiry;
    }
    this.willDiscarded = !(this.level === 5 && reasonCode === ReasonCode.disconnectWithWill);
    this.cause = reasonCode === ReasonCode.disconnectWithWill ? 'client DISCONNECT with will (0x04)' : 'client DISCONNECT';
    // aedes keeps the session until our expiry timer ends it, unless it ends right now.
    if (this.level === 5 && this.sessionExpiry === 0 && expiry !== undefined) this.sendPacketToBroker({ cmd: 'disconnect', reasonCode: 0, properties: { sessionExpiryInterval: 0 } });
    else this.sendPacketToBroker({ cmd: 'disconnect', reasonCode: 0 });
  }

  // ---- broker -> client ---------------------------------------------------------------------

  private fromBroker(packet: WirePacket, raw: Buffer): void {
    switch (packet.cmd) {
      case 'connack':
        this.onConnack(packet, raw);
        return;
      case 'publish':
        this.onOutgoingPublish(packet, raw);
        return;
      case 'pubrel':
        if (this.phantomQoS2.delete(packet['messageId'] as number)) {
          this.sendPacketToBroker({ cmd: 'pubcomp', messageId: packet['messageId'] });
          return;
        }
        break;
      case 'suback':
        this.onSuback(packet);
        break;
      case 'puback':
      case 'pubcomp':
        this.inboundWindow.acknowledged(packet['messageId'] as number);
        break;
      case 'pubrec':
        if (((packet['reasonCode'] as number | undefined) ?? 0) >= 0x80) this.inboundWindow.acknowledged(packet['messageId'] as number);
        break;
      case 'disconnect':
        if (packet['reasonCode'] === ReasonCode.sessionTakenOver) {
          this.takenOver = true;
          this.cause = 'session taken over';
        }
        break;
      default:
        break;
    }
    this.sendToClient(packet, raw);
  }

  private onConnack(packet: WirePacket, raw: Buffer): void {
    const code = (this.level === 5 ? packet['reasonCode'] : packet['returnCode']) as number;
    if (code !== 0) {
      this.host.recorder.event({ event: 'connection-refused', clientId: this.clientId, linkId: this.linkId, reasonCode: code, reason: `CONNACK ${this.level === 5 ? 'reason code 0x' + code.toString(16) : 'return code ' + code}` });
      this.cause = 'connection refused';
      this.sendToClient(packet, raw);
      return;
    }
    const options = this.host.options;
    const properties = packet['properties'] as Properties | undefined;
    const assigned = properties?.['assignedClientIdentifier'];
    if (typeof assigned === 'string') this.clientId = assigned;
    // aedes derives Session Present from stored subscriptions alone; a session without any is
    // still a session (3.1.1 [MQTT-3.2.2-2], 5.0 [MQTT-3.2.2-3]).
    const sessionPresent = Boolean(packet['sessionPresent']) || (!this.cleanStart && this.host.hasSession(this.clientId));
    const corrected = sessionPresent !== Boolean(packet['sessionPresent']);
    this.state = 'connected';
    this.armKeepAlive();
    if (this.level === 5) {
      // aedes says shared subscriptions are unavailable; the sandbox provides them (5.0 §3.2.2.3.13).
      const advertised: Properties = { ...properties, sharedSubscriptionAvailable: true };
      if ((options.maximumQoS ?? 2) < 2) advertised['maximumQoS'] = options.maximumQoS;
      if (options.retainAvailable === false) advertised['retainAvailable'] = false;
      // 5.0 §3.2.2.3.14: tell the client when the broker imposes a different keep-alive.
      if (this.keepAliveSeconds !== this.requestedKeepAlive) advertised['serverKeepAlive'] = this.keepAliveSeconds;
      if (this.authenticationMethod !== undefined) {
        // [MQTT-4.12.0-5]: the successful CONNACK names the method; the method's last message rides along.
        advertised['authenticationMethod'] = this.authenticationMethod;
        if (this.finalAuthData) advertised['authenticationData'] = Buffer.from(this.finalAuthData);
      }
      this.sendToClient({ ...packet, sessionPresent, properties: advertised });
    } else if (corrected) {
      this.sendToClient({ ...packet, sessionPresent });
    } else {
      this.sendToClient(packet, raw);
    }
    this.host.linkConnected(this, sessionPresent);
    this.sendHeld(this.outboundWindow.release());
  }

  private onSuback(packet: WirePacket): void {
    const filters = this.pendingSubscribes.get(packet['messageId'] as number) ?? [];
    this.pendingSubscribes.delete(packet['messageId'] as number);
    const granted = packet['granted'] as number[];
    filters.forEach((filter, i) => {
      const code = granted[i] ?? 0x80;
      const share = parseShare(filter);
      if (code < 0x80) {
        if (share && share !== 'invalid') this.host.shares.join(this.clientId, share);
        this.host.recorder.event({ event: 'subscription-granted', clientId: this.clientId, linkId: this.linkId, topic: filter, qos: code });
      } else {
        this.host.recorder.event({ event: 'subscription-denied', clientId: this.clientId, linkId: this.linkId, topic: filter, reasonCode: code });
      }
    });
  }

  private onOutgoingPublish(packet: WirePacket, raw: Buffer): void {
    let out: WirePacket | undefined;
    const shared = sharedTopicToReal(packet['topic'] as string);
    if (shared) out = { ...packet, topic: shared.topic };
    const raised = raisedTopicToReal(packet['topic'] as string);
    if (raised !== undefined) out = { ...packet, topic: raised };
    const expiry = applyExpiry(packet['properties'] as Properties | undefined, this.host.clock.now());
    if (expiry.expired) {
      this.host.recorder.event({ event: 'message-expired', clientId: this.clientId, linkId: this.linkId, topic: (out ?? packet)['topic'] as string, reason: 'Message Expiry Interval elapsed before delivery' });
      this.discardOutgoing(packet);
      return;
    }
    if (expiry.changed) out = { ...(out ?? packet), properties: expiry.properties };
    const bytes = out ? encodePacket(out, this.level) : raw;
    if (this.level === 5 && this.clientMaximumPacketSize > 0 && bytes.length > this.clientMaximumPacketSize) {
      // [MQTT-3.1.2-25]: discard a packet larger than the client's Maximum Packet Size, as if sent.
      this.host.recorder.event({ event: 'message-dropped', clientId: this.clientId, linkId: this.linkId, topic: (out ?? packet)['topic'] as string, reason: `packet of ${bytes.length} bytes exceeds the client's Maximum Packet Size ${this.clientMaximumPacketSize}` });
      this.discardOutgoing(packet);
      return;
    }
    const message = out ?? packet;
    if (shared && message['qos'] === 1) {
      // Kept as aedes sent it (expiry stamp included), so another member could be given it later.
      this.host.shares.sent(this.clientId, message['messageId'] as number, shared.share.group, {
        topic: shared.topic, payload: packet['payload'], qos: 1, ...(packet['properties'] ? { properties: packet['properties'] as Properties } : {}),
      });
    }
    if ((message['qos'] as number) > 0 && !this.outboundWindow.offer(message)) return;
    this.sendToClient(message, bytes);
  }

  /** Tells aedes a discarded QoS>0 message was delivered, so it does not wait for it forever. */
  private discardOutgoing(packet: WirePacket): void {
    const qos = packet['qos'] as number;
    const messageId = packet['messageId'];
    if (qos === 1) this.sendPacketToBroker({ cmd: 'puback', messageId });
    if (qos === 2) {
      this.phantomQoS2.add(messageId as number);
      this.sendPacketToBroker({ cmd: 'pubrec', messageId });
    }
  }

  private sendHeld(packets: WirePacket[]): void {
    for (const packet of packets) this.sendToClient(packet);
  }

  // ---- keep-alive ---------------------------------------------------------------------------

  private armKeepAlive(): void {
    if (this.state !== 'connected' || this.keepAliveSeconds === 0) return;
    this.keepAliveTimer?.cancel();
    const seconds = this.keepAliveSeconds;
    // 3.1.1 [MQTT-3.1.2-24] / 5.0 [MQTT-3.1.2-22]: close after 1.5 × Keep Alive without a packet.
    this.keepAliveTimer = this.host.clock.setTimer(() => {
      this.disconnectWith(ReasonCode.keepAliveTimeout, `keep-alive timeout (1.5 × ${seconds} s)`);
    }, seconds * 1500);
  }

  identity(): { clientId: string; username: string | undefined } {
    return { clientId: this.clientId, username: this.username };
  }
}

/** Ends a stream so the bytes written reach the reader, then destroys it; a reader that never drains gets a second. */
function endThenDestroy(stream: Duplex): void {
  if (stream.destroyed) return;
  const fallback = setTimeout(() => stream.destroy(), 1000);
  stream.end(() => {
    clearTimeout(fallback);
    stream.destroy();
  });
}
