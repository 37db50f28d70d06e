/**
 * What an exercise's `scenario.ts` exports: a default function that starts the simulated peers
 * (sensors, a subscriber waiting for messages, an attacker…) before the learner's code runs,
 * using real MQTT.js clients on the same sandbox broker.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { PacketFilter } from '../../../sandbox-broker/src/instruments.ts';
import type { PacketType } from '../../../sandbox-broker/src/record-types.ts';
import type { LabHttp } from './lab/lab-http.ts';

export type { LabHttp, LabHttpHandler, LabHttpReply, LabHttpRequest } from './lab/lab-http.ts';

/**
 * What a scenario can do during a run. Every fault and wait is an 'instrument' event in the
 * record (the packet view shows it; checks can find it), and resolves once it has been applied.
 */
export interface ScenarioContext {
  /**
   * `mqtt.connectAsync` for peers: resolves once CONNACK arrived. In a run with several broker
   * nodes (module 5), `servers: [{ host: '<node>', port: 1883 }]` picks the node.
   */
  connect(options: IClientOptions): Promise<MqttClient>;
  /** Cuts every link of `clientId` as a network failure would: no DISCONNECT, its will fires, MQTT.js sees the connection close. */
  cutLink(clientId: string): Promise<void>;
  /** Stops and starts the broker: every link drops; sessions (subscriptions, queued messages) survive only with `keepSessions`. */
  restartBroker(options: { keepSessions: boolean }): Promise<void>;
  /** Drops the next packet of this type (e.g. the learner's next PUBACK: `{ clientId, direction: 'in' }`). */
  dropNext(type: PacketType, filter?: PacketFilter): Promise<void>;
  /** For `ms`, new connections (of `clientId`, or all) are closed right after CONNECT, without CONNACK: the broker is down. */
  refuseConnections(ms: number, filter?: { clientId?: string }): Promise<void>;
  /** Waits `ms` of real time, noted in the record so a reader sees the pause. */
  wait(ms: number): Promise<void>;
  /** The in-page HTTP API the learner's `fetch('http://api.lab/…')` reaches: declare its routes here. */
  http: LabHttp;
  /** Stops a node of a run with several (`broker.nodes` in exercise.yaml) like a crash; `startNode` starts it again. */
  stopNode(node: string): Promise<void>;
  startNode(node: string): Promise<void>;
}

export interface ScenarioHandle {
  /** Called when the run is over; the peers' clients are ended afterwards in any case. */
  stop?(): void | Promise<void>;
}

export type Scenario = (lab: ScenarioContext) => Promise<ScenarioHandle | void>;

export interface ScenarioModule {
  default: Scenario;
}
