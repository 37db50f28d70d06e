/**
 * The demo scenario format. A demo is a scripted story told with real MQTT.js clients against the
 * sandbox broker: each step does something on the wire and explains what the learner sees in the
 * packet view. Demo files live in `exercises/<module>/demos/<slug>.ts` and default-export
 * `defineDemo({...})`; `<Demo id="<module>/<slug>" />` shows one on a lesson page.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { LinkConditions, LinkTarget, PacketFilter, SandboxBrokerOptions } from '../../sandbox-broker/src/index.ts';
import type { PacketType } from '../../sandbox-broker/src/record-types.ts';
import type { MqttSnClient, SnClientOptions, SnConnectOptions } from '../../sandbox-broker/src/mqtt-sn/client.ts';

/** Options of a demo's MQTT-SN client: `connect: false` leaves it unconnected (for QoS -1 or SEARCHGW). */
export type DemoSnClientOptions = Omit<SnConnectOptions, 'clientId'> & Omit<SnClientOptions, 'autoPing'> & { connect?: boolean };

/** The broker's fault instruments, as a demo step calls them. */
export interface DemoInstruments {
  /** Abruptly closes a client's link (by client id or link id): its will fires, MQTT.js sees a network failure. */
  cutLink(target: LinkTarget): Promise<void>;
  /** Drops the next matching packet (e.g. the broker's next PUBACK to one client). */
  dropNext(type: PacketType, filter?: PacketFilter): Promise<void>;
  delayNext(type: PacketType, ms: number, filter?: PacketFilter): Promise<void>;
  setLinkConditions(target: LinkTarget, conditions: LinkConditions): Promise<void>;
  /** For `ms` (broker clock) new connections (of one client id, or all) are closed after CONNECT, without CONNACK: the broker is down. */
  refuseConnections(ms: number, filter?: { clientId?: string }): Promise<void>;
}

/**
 * A demo client's options: MQTT.js's own, plus `node`, the broker node it connects to in a run
 * with several (`brokerOptions.nodes`, module 5). MQTT.js's `servers` list is honoured as
 * `mqtt.connect()` honours it: each (re)connection tries the next host, which names a node.
 */
export interface DemoClientOptions extends IClientOptions {
  node?: string;
}

export interface DemoContext {
  /**
   * A real MQTT.js client on its own link to the sandbox broker, resolved once connected.
   * `name` is its client id unless the options give one. Defaults: MQTT 5.0, no automatic
   * reconnect (`reconnectPeriod: 0`), keep-alive off: a demo reconnects on purpose.
   * `prepare` runs on the new client before any packet arrives (e.g. to set `handleAuth`).
   */
  client(name: string, options?: DemoClientOptions, prepare?: (client: MqttClient) => void): Promise<MqttClient>;
  /** Stops a node of a run with several (`brokerOptions.nodes`) like a crash: its links are cut. */
  stopNode(node: string): Promise<void>;
  startNode(node: string): Promise<void>;
  /**
   * An MQTT-SN client of the broker's MQTT-SN gateway, resolved once CONNACK arrived (unless
   * `connect: false`). `name` is its ClientId. Default keep-alive 0; it never pings by itself.
   */
  snClient(name: string, options?: DemoSnClientOptions): Promise<MqttSnClient>;
  readonly instruments: DemoInstruments;
  /** Moves the broker's virtual clock (needs `brokerOptions.clock: 'virtual'`). */
  advanceClock(ms: number): Promise<void>;
  restartBroker(options: { keepSessions: boolean }): Promise<void>;
  wait(ms: number): Promise<void>;
  /** Resolves once the record has been quiet for a moment: every packet of the step has crossed. */
  untilQuiet(): Promise<void>;
}

export interface DemoStep {
  title: string;
  /** What happens and what to look for, in Markdown-ish text (paragraphs, `code`, **bold**). */
  explain: string;
  run(ctx: DemoContext): Promise<void>;
}

export interface Demo {
  /** `<module>/<slug>`, matching the file's place: exercises/<module>/demos/<slug>.ts. */
  id: string;
  title: string;
  description: string;
  brokerOptions?: SandboxBrokerOptions;
  steps: DemoStep[];
}

const ID = /^[0-9a-z][0-9a-z-]*\/[0-9a-z][0-9a-z-]*$/;

/** Checks a demo's shape at load time, so a broken demo fails its module's tests, not a learner's page. */
export function defineDemo(demo: Demo): Demo {
  if (!ID.test(demo.id)) throw new Error(`Demo id "${demo.id}" must be "<module>/<slug>" in lower case`);
  if (demo.title.trim() === '') throw new Error(`Demo ${demo.id}: the title is empty`);
  if (demo.steps.length === 0) throw new Error(`Demo ${demo.id}: a demo needs at least one step`);
  demo.steps.forEach((step, index) => {
    if (step.title.trim() === '' || step.explain.trim() === '') throw new Error(`Demo ${demo.id}: step ${index + 1} needs a title and an explanation`);
  });
  return demo;
}
