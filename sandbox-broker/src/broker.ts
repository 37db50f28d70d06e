/**
 * createSandboxBroker: aedes plus the sandbox layer (links, recorder, instruments, clock,
 * shared subscriptions, wills and expiry on the broker clock, ACLs, $SYS).
 */
import { Buffer } from 'buffer';
import { Aedes } from 'aedes';
import type { Duplex } from 'readable-stream';
import { authenticate, canPublish, canSubscribe } from './access-control.ts';
import { createRealClock, createVirtualClock, type BrokerClock } from './clock.ts';
import { deliverAtGrantedQoS, lowerForwardedQoS, raisedTopicToReal, type DeliveringClient, type Subscriptions } from './delivery-qos.ts';
import { createBrokerLab } from './cluster/broker-lab.ts';
import { createDuplexPair } from './duplex-pair.ts';
import { Instruments, type LinkTarget } from './instruments.ts';
import { DENIED_TOPIC, Link, type WillMessage } from './link.ts';
import type { LinkHost } from './link-host.ts';
import { MqttSnGateway } from './mqtt-sn/gateway.ts';
import { hasExpired, stampExpiry } from './message-expiry.ts';
import { ReasonCode } from './reason-codes.ts';
import type { SandboxBrokerOptions } from './options.ts';
import type { WirePacket } from './packet-codec.ts';
import type { Direction } from './record-types.ts';
import { firstQueuedCopy } from './queued-copies.ts';
import { createMethods } from './enhanced-auth/methods.ts';
import { Recorder } from './recorder.ts';
import { decodeBinary, encodeBinary, type PersistedSession, type PersistedState, type PersistedSubscription } from './persisted-state.ts';
import { endSessionInBroker } from './session-ender.ts';
import { SessionTimers } from './session-timers.ts';
import { SharedSubscriptions, sharedTopicToReal } from './shared-subscriptions.ts';
import { setSubscriptionIdentifiers, type IdentifiedSubscriptions } from './subscription-identifiers.ts';
import { BrokerStats, startSysTopics } from './sys-topics.ts';
import { topicMatches } from './topic-match.ts';

export interface SandboxBroker {
  /**
   * A new in-memory link; `stream` is the client end (e.g. `new MqttClient(() => broker.connectLink().stream, opts)`).
   * `node` picks a node of a run with several (`options.nodes`); a lone broker ignores it.
   */
  connectLink(node?: string): { stream: Duplex; linkId: number };
  /** Attaches any byte stream (TCP socket, WebSocket stream, MessagePort stream) as a link; returns its id. */
  handle(stream: Duplex, node?: string): number;
  /** The node names of a run with several (`options.nodes`); absent for a lone broker. */
  readonly nodeNames?: readonly string[];
  /** Stops a node like a crash: its links are cut, its clients' wills fire. Only with `options.nodes`. */
  stopNode?(name: string): Promise<void>;
  startNode?(name: string): Promise<void>;
  readonly recorder: Recorder;
  readonly instruments: Instruments;
  readonly clock: BrokerClock;
  /** The MQTT-SN gateway in front of this broker (configured by `options.mqttSn`). */
  readonly mqttSn: MqttSnGateway;
  /** Resolves once aedes is listening (links made before are served as soon as it is). */
  readonly ready: Promise<void>;
  topicMatches(filter: string, topic: string): boolean;
  /** Stops and starts aedes; every link is closed. Sessions (and retained messages) survive only with keepSessions. */
  restart(opts: { keepSessions: boolean }): Promise<void>;
  /** Retained messages and persistent sessions, for saving (node mode's --persist). */
  exportState(): Promise<PersistedState>;
  /** Loads a saved state into a broker that has no clients yet. */
  importState(state: PersistedState): Promise<void>;
  close(): Promise<void>;
}

/**
 * What a broker node shares with the other nodes of its run, when a run has several (module 5:
 * clusters and bridges; built by cluster/broker-lab.ts). A node alone has its own of everything.
 */
export interface NodeMembership {
  name: string;
  /** The run's one record: this node's packets and events go there, stamped with its name. */
  record: Recorder;
  clock: BrokerClock;
  /** Link ids are unique across the run, so the packet view never confuses two nodes' links. */
  nextLinkId(): number;
  /** The run's instruments: they act on every node's links. */
  instruments: Instruments;
  /** Present when the node is one of a cluster: the state all its nodes share. */
  cluster?: ClusterShare;
}

/** The session state the sandbox layer keeps beside aedes' own (see the fields' uses below). */
export interface SessionState {
  /** Client ids with a session: aedes cannot tell a stored session without subscriptions from none. */
  stored: Set<string>;
  unacknowledged: Map<string, Set<number>>;
  timers: SessionTimers;
}

/**
 * A cluster in aedes' own model: every node's aedes is given the same message emitter (`mq`, a
 * per-node view of it) and the same persistence, so a message published on one node reaches
 * subscribers on all of them, and subscriptions, queued messages and retained messages are one
 * store. The sandbox layer's session state is shared the same way.
 */
export interface ClusterShare {
  emitterFor(node: string): unknown;
  /** aedes' persistence, taken from the first node that starts and given to every other. */
  persistence: unknown;
  sessions: SessionState;
  /** The connected link of a client id on any node of the cluster. */
  connectedLink(clientId: string): Link | undefined;
}

/** A broker as a node of a run with several: what the run (broker-lab.ts) needs beyond SandboxBroker. */
export interface BrokerNode extends SandboxBroker {
  /** Cuts this node's links matching the target (an instrument); returns the link ids cut. */
  cutLinks(target: LinkTarget): number[];
  /** This node's connected link for a client id, if any. */
  connectedHere(clientId: string): Link | undefined;
  /** Publishes a will through this node (after the ACL check). */
  publishWill(clientId: string, username: string | undefined, will: WillMessage): void;
  /** Ends a session inside this node's aedes (with a shared persistence: in the whole cluster). */
  endSession(clientId: string): Promise<void>;
  /**
   * Stops the node like a crash of its machine: every link is cut without DISCONNECT (wills fire,
   * sessions live on where they are shared), then its aedes stops.
   */
  stop(): Promise<void>;
}

type AedesClient = { id: string; conn: unknown };
/** The aedes members the typings leave out. */
type AedesInstance = Aedes & { persistence: AedesPersistence; clients: Record<string, { subscriptions: object }> };
/** The members of aedes' persistence the state export and import use. */
interface AedesPersistence {
  createRetainedStream(pattern: string): AsyncIterable<Record<string, unknown>>;
  storeRetained(packet: Record<string, unknown>): Promise<void>;
  subscriptionsByClient(client: { id: string }): Promise<PersistedSubscription[]>;
  addSubscriptions(client: { id: string }, subscriptions: PersistedSubscription[]): Promise<void>;
  outgoingStream(client: { id: string }): AsyncIterable<Record<string, unknown>>;
  outgoingEnqueue(subscription: { clientId: string }, packet: Record<string, unknown>): Promise<void>;
}
const NEVER_EXPIRES = 0xffffffff;
type Callback = (error: Error | null, result?: unknown) => void;
/** A PUBLISH aedes is about to forward: live (no packet id yet) or from a session's queue. */
type ForwardedPacket = { topic: string; qos: number; messageId?: number; brokerId?: string | null; brokerCounter?: number; properties?: Record<string, unknown> };

export function createSandboxBroker(options: SandboxBrokerOptions = {}): SandboxBroker {
  return options.nodes ? createBrokerLab(options) : createBrokerNode(options);
}

/** A sandbox broker; with `membership`, one node of a run with several (cluster/broker-lab.ts). */
export function createBrokerNode(options: SandboxBrokerOptions = {}, membership?: NodeMembership): BrokerNode {
  const clock = membership?.clock ?? (options.clock === 'virtual' ? createVirtualClock() : createRealClock());
  const recorder = new Recorder(() => clock.now(), options.recordLimits, membership && { record: membership.record, name: membership.name });
  if (!membership) clock.onAdvance = (ms) => recorder.event({ event: 'clock-advanced', reason: `clock advanced ${ms} ms`, detail: { ms } });
  const cluster = membership?.cluster;
  const links = new Map<number, Link>();
  const authenticationMethods = createMethods(options.authenticationMethods, options.users);
  const linkOfStream = new WeakMap<object, Link>();
  const stats = new BrokerStats();
  const unacknowledgedBySession = cluster?.sessions.unacknowledged ?? new Map<string, Set<number>>();
  /** Client ids with a session: aedes cannot tell a stored session without subscriptions from none. */
  const storedSessions = cluster?.sessions.stored ?? new Set<string>();
  /** When each disconnected 5.0 session with a Session Expiry closed (broker clock) and its interval (s). */
  const closedSessions = new Map<string, { closedAt: number; expiry: number }>();
  let ownLinkId = 1;
  const nextLinkId = (): number => (membership ? membership.nextLinkId() : ownLinkId++);
  let aedes: AedesInstance;
  /** Set while aedes is being stopped: links closing then are not normal disconnects (no wills, no session timers). */
  let stopping: 'broker restarted' | 'broker closed' | 'node stopped' | undefined;
  let stopSys: (() => void) | undefined;
  let ready: Promise<void>;

  const connectedHere = (clientId: string): Link | undefined =>
    [...links.values()].find((link) => link.connected && link.clientId === clientId);
  const connectedLink = (clientId: string): Link | undefined => connectedHere(clientId) ?? cluster?.connectedLink(clientId);
  // Shared subscriptions stay per node: each node's group gets one copy (a documented limit of the sandbox's clusters).
  const shares = new SharedSubscriptions((clientId) => connectedHere(clientId) !== undefined);

  const cutLinks = (target: LinkTarget): number[] => {
    const cut = [...links.values()].filter((link) => (typeof target === 'number' ? link.linkId === target : link.clientId === target));
    for (const link of cut) link.cut('link cut by instrument');
    return cut.map((link) => link.linkId);
  };
  const instruments = membership?.instruments ?? new Instruments({ recorder, now: () => clock.now(), cutLinks }, options.seed ?? 1);

  const publishWill = (clientId: string, username: string | undefined, will: WillMessage): void => {
    if (will.topic.startsWith('$') || !canPublish(options.acl, { clientId, username }, will.topic)) {
      recorder.event({ event: 'publish-denied', clientId, topic: will.topic, qos: will.qos, reason: 'will message not authorized' });
      return;
    }
    const packet: Record<string, unknown> = { cmd: 'publish', topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain && options.retainAvailable !== false };
    if (will.properties) {
      const { willDelayInterval: _delay, ...properties } = will.properties;
      if (Object.keys(properties).length > 0) packet['properties'] = stampExpiry(properties, clock.now());
    }
    recorder.event({ event: 'will-published', clientId, topic: will.topic, qos: will.qos });
    aedes.publish(packet as never, () => {});
  };

  /** The session's shared-subscription memberships end; QoS 1 messages it held in flight go to other members (5.0 §4.8.2). */
  const endShares = (clientId: string): void => {
    for (const moved of shares.sessionEnded(clientId)) {
      recorder.event({
        event: 'message-queued', clientId: moved.to, topic: moved.topic,
        reason: `QoS 1 message was in flight to ${moved.from}, whose session ended: given to ${moved.to}, another member of ${moved.group}`,
        detail: { from: moved.from, group: moved.group },
      });
    }
  };

  /** Forgets what the sandbox layer keeps per session. */
  const endSessionState = (clientId: string): void => {
    endShares(clientId);
    unacknowledgedBySession.delete(clientId);
    storedSessions.delete(clientId);
    closedSessions.delete(clientId);
  };

  const endSession = async (clientId: string): Promise<void> => {
    endSessionState(clientId);
    await endSessionInBroker((stream) => aedes.handle(stream as never), clientId);
  };
  const sessions = cluster?.sessions.timers ?? new SessionTimers(clock, recorder, { publishWill, endSession });

  let mqttSn: MqttSnGateway;
  const broker: BrokerNode & LinkHost = {
    options,
    clock,
    get mqttSn() {
      return mqttSn;
    },
    recorder,
    shares,
    instruments,
    get ready() {
      return ready;
    },
    attachToBroker(stream, link) {
      linkOfStream.set(stream, link);
      // During a restart this waits for the new aedes instance.
      void ready.then(() => deliverAtGrantedQoS(aedes.handle(stream as never) as unknown as DeliveringClient));
    },
    linkConnecting(link) {
      const previous = connectedLink(link.clientId);
      if (!previous || link.clientId === '') return;
      previous.takenOver = true;
      // On another node of the cluster aedes only closes it: say why, as a single broker does ([MQTT-3.1.4-2], 5.0 0x8E).
      if (!connectedHere(link.clientId)) previous.disconnectWith(ReasonCode.sessionTakenOver, 'session taken over');
    },
    linkConnected(link, sessionPresent) {
      stats.clientsConnected++;
      storedSessions.add(link.clientId);
      closedSessions.delete(link.clientId);
      if (!sessionPresent) unacknowledgedBySession.delete(link.clientId);
      // Clean Start discarded any earlier session, and with it the client's group memberships.
      if (link.cleanStart) endShares(link.clientId);
      sessions.reconnected(link.clientId, link.cleanStart);
      recorder.event({ event: 'client-connected', clientId: link.clientId, linkId: link.linkId, detail: { protocolLevel: link.level, cleanStart: link.cleanStart, sessionPresent } });
      if (sessionPresent) recorder.event({ event: 'session-resumed', clientId: link.clientId, linkId: link.linkId, reason: 'CONNACK session present' });
    },
    linkClosed(link, wasConnected) {
      links.delete(link.linkId);
      if (!wasConnected) return;
      stats.clientsConnected--;
      recorder.event({ event: 'client-disconnected', clientId: link.clientId, linkId: link.linkId, reason: stopping ?? link.cause ?? 'link closed' });
      if (stopping) return;
      const replaced = link.takenOver || connectedLink(link.clientId) !== undefined;
      if (link.will && !link.willDiscarded) {
        const willDelay = link.level === 5 ? Number(link.will.properties?.['willDelayInterval'] ?? 0) : 0;
        const delay = Math.min(willDelay, link.sessionExpiry);
        // A delayed will is not sent when a new connection already resumed the session ([MQTT-3.1.3-9]).
        if (!(replaced && delay > 0)) sessions.willAfterClose(link.clientId, link.username, link.will, delay);
      }
      if (replaced) return;
      const sessionEnds = link.level === 5 ? link.sessionExpiry === 0 : link.cleanStart;
      if (sessionEnds) endSessionState(link.clientId);
      else if (link.level === 5) {
        sessions.sessionAfterClose(link.clientId, link.sessionExpiry);
        closedSessions.set(link.clientId, { closedAt: clock.now(), expiry: link.sessionExpiry });
      }
    },
    hasSession(clientId) {
      return storedSessions.has(clientId);
    },
    unacknowledged(clientId) {
      let ids = unacknowledgedBySession.get(clientId);
      if (!ids) {
        ids = new Set();
        unacknowledgedBySession.set(clientId, ids);
      }
      return ids;
    },
    authenticationMethod(name) {
      return authenticationMethods.get(name);
    },
    countPacket(direction: Direction, packet: WirePacket, bytes: number) {
      stats.count(direction, packet.cmd === 'publish', bytes);
    },
    connectLink() {
      const [clientEnd, brokerEnd] = createDuplexPair();
      return { stream: clientEnd, linkId: broker.handle(brokerEnd) };
    },
    handle(stream) {
      const linkId = nextLinkId();
      links.set(linkId, new Link(broker, stream, linkId));
      return linkId;
    },
    topicMatches,
    async restart({ keepSessions }) {
      stopping = 'broker restarted';
      const persistence = keepSessions ? aedes.persistence : undefined;
      let started: () => void = () => {};
      ready = new Promise((resolve) => (started = resolve));
      const running = [...links.values()];
      await closeAedes();
      for (const link of running) link.cut('broker restarted');
      if (!keepSessions) {
        sessions.clear();
        shares.reset();
        unacknowledgedBySession.clear();
        storedSessions.clear();
        closedSessions.clear();
      }
      recorder.event({ event: 'broker-restarted', reason: keepSessions ? 'restarted, sessions kept' : 'restarted, sessions lost', detail: { keepSessions } });
      stopping = undefined;
      await start(persistence);
      started();
    },
    async exportState() {
      await ready;
      const persistence = aedes.persistence;
      const retained: Record<string, unknown>[] = [];
      // $SYS and the sandbox's private topics are the broker's own: they are made again on start.
      for await (const packet of persistence.createRetainedStream('#')) if (!String(packet['topic']).startsWith('$')) retained.push(encodeBinary(packet) as Record<string, unknown>);
      const persistent = new Map<string, number | undefined>();
      for (const link of links.values()) {
        if (!link.connected) continue;
        if (link.level === 5 ? link.sessionExpiry > 0 : !link.cleanStart) persistent.set(link.clientId, link.level === 5 && link.sessionExpiry < NEVER_EXPIRES ? link.sessionExpiry : undefined);
      }
      for (const clientId of storedSessions) {
        if (persistent.has(clientId) || connectedLink(clientId)) continue;
        const closed = closedSessions.get(clientId);
        persistent.set(clientId, closed ? Math.max(0, closed.expiry - (clock.now() - closed.closedAt) / 1000) : undefined);
      }
      const saved: PersistedSession[] = [];
      for (const [clientId, expiresInSeconds] of persistent) {
        // Shared-subscription membership lives in the sandbox layer and is not saved.
        const subscriptions = (await persistence.subscriptionsByClient({ id: clientId })).filter((s) => !s.topic.startsWith('$sandbox/'));
        const queued: Record<string, unknown>[] = [];
        for await (const packet of persistence.outgoingStream({ id: clientId })) queued.push(encodeBinary(packet) as Record<string, unknown>);
        saved.push({ clientId, subscriptions, queued, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) });
      }
      return { format: 'mqtt-lab-broker-state', version: 1, savedAt: new Date().toISOString(), retained, sessions: saved };
    },
    async importState(state) {
      await ready;
      const persistence = aedes.persistence;
      for (const packet of state.retained) await persistence.storeRetained(decodeBinary(packet) as Record<string, unknown>);
      for (const session of state.sessions) {
        if (session.expiresInSeconds !== undefined && session.expiresInSeconds <= 0) continue;
        if (session.subscriptions.length > 0) await persistence.addSubscriptions({ id: session.clientId }, session.subscriptions);
        for (const packet of session.queued) await persistence.outgoingEnqueue({ clientId: session.clientId }, decodeBinary(packet) as Record<string, unknown>);
        storedSessions.add(session.clientId);
        if (session.expiresInSeconds !== undefined) {
          // The countdown goes on from where it was when the state was saved.
          sessions.sessionAfterClose(session.clientId, session.expiresInSeconds);
          closedSessions.set(session.clientId, { closedAt: clock.now(), expiry: session.expiresInSeconds });
        }
      }
    },
    async close() {
      stopping = 'broker closed';
      mqttSn.close();
      if (!cluster) sessions.clear();
      await closeAedes();
      for (const link of links.values()) link.cut('broker closed');
    },
    connectedHere,
    cutLinks,
    publishWill,
    endSession,
    async stop() {
      for (const link of [...links.values()]) link.cut('node stopped');
      stopping = 'node stopped';
      await closeAedes();
    },
  };
  function closeAedes(): Promise<void> {
    stopSys?.();
    return new Promise((resolve) => aedes.close(() => resolve()));
  }

  async function start(persistence?: unknown): Promise<void> {
    aedes = new Aedes({
      // drainTimeout 0: aedes' drain timer calls .unref(), which does not exist in browsers.
      drainTimeout: 0,
      topicAliasMaximum: options.topicAliasMaximum ?? 0,
      maximumPacketSize: options.maximumPacketSize ?? 0,
      receiveMaximum: options.receiveMaximum ?? 0,
      // aedes adds it to CONNACK only for clients that set Request Response Information.
      ...(options.responseInformation === undefined ? {} : { responseInformation: (client: AedesClient) => options.responseInformation?.replaceAll('%c', client.id) }),
      ...(persistence ? { persistence } : {}),
      ...(cluster ? { mq: cluster.emitterFor(membership?.name ?? ''), ...(cluster.persistence ? { persistence: cluster.persistence } : {}) } : {}),
      authenticate(client: AedesClient, username: string | undefined, password: Buffer | undefined, callback: Callback) {
        const link = linkOfStream.get(client.conn as object);
        if (!link) return callback(null, true); // internal session-ending connection
        // The link has completed enhanced authentication before the CONNECT reached aedes.
        if (link.authenticationMethod !== undefined) return callback(null, true);
        const code = authenticate(options, username, password === undefined ? undefined : Buffer.from(password).toString('utf8'));
        if (code === 0) return callback(null, true);
        const error = Object.assign(new Error(code === 4 ? 'bad user name or password' : 'not authorized'), { returnCode: code });
        callback(error, false);
      },
      authorizePublish(client: AedesClient | null, packet: { topic: string }, callback: Callback) {
        const link = client ? linkOfStream.get(client.conn as object) : undefined;
        if (!link) return callback(null);
        if (packet.topic === DENIED_TOPIC && link.level !== 5) return callback(null);
        const allowed = !packet.topic.startsWith('$') && canPublish(options.acl, link.identity(), packet.topic);
        callback(allowed ? null : new Error('not authorized'));
      },
      authorizeForward(client: AedesClient & { subscriptions: Subscriptions & IdentifiedSubscriptions }, packet: ForwardedPacket) {
        if (!firstQueuedCopy(client, packet)) return false;
        // Every delivery passes here (live, queued, retained): an expired message goes to nobody,
        // whatever protocol level the subscriber speaks ([MQTT-3.3.2-5]).
        if (hasExpired(packet.properties, clock.now())) {
          const link = linkOfStream.get(client.conn as object);
          const topic = raisedTopicToReal(packet.topic) ?? sharedTopicToReal(packet.topic)?.topic ?? packet.topic;
          recorder.event({ event: 'message-expired', clientId: client.id, ...(link ? { linkId: link.linkId } : {}), topic, reason: 'Message Expiry Interval elapsed before delivery' });
          return null;
        }
        lowerForwardedQoS(client.subscriptions, packet);
        setSubscriptionIdentifiers(client.subscriptions, packet);
        return packet;
      },
      authorizeSubscribe(client: AedesClient, subscription: { topic: string }, callback: Callback) {
        const link = linkOfStream.get(client.conn as object);
        const who = link?.identity() ?? { clientId: client.id, username: undefined };
        let filter = subscription.topic;
        if (filter.startsWith('$sandbox/')) {
          const shared = shares.ownsPrivateFilter(client.id, filter) ? sharedTopicToReal(filter) : undefined;
          if (!shared) return callback(null, null);
          filter = shared.topic;
        }
        callback(null, canSubscribe(options.acl, who, filter) ? subscription : null);
      },
    } as never) as AedesInstance;
    // Packets a client sent while aedes was still connecting it are handed over only now (Link.heldForBroker).
    aedes.on('clientReady', (client) => linkOfStream.get((client as unknown as AedesClient).conn as object)?.brokerConnected());
    const listening = aedes.listen();
    // listen() creates the persistence before its first await: the nodes started right after this one get it.
    if (cluster) cluster.persistence ??= aedes.persistence;
    await listening;
    shares.attach(aedes as never);
    if (options.sys) {
      const publish = (topic: string, payload: Buffer): void => aedes.publish({ cmd: 'publish', topic, payload, qos: 0, retain: true, dup: false } as never, () => {});
      const subscriptionCount = (): number => Object.values(aedes.clients).reduce((sum, client) => sum + Object.keys(client.subscriptions).length, 0);
      stopSys = startSysTopics(clock, options.sys.intervalMs, stats, subscriptionCount, publish);
    }
  }

  mqttSn = new MqttSnGateway({ recorder, clock, connectLink: () => broker.connectLink(), seed: options.seed ?? 1 }, options.mqttSn);
  ready = start();
  return broker;
}
