/**
 * What an exercise's `scenario.ts` exports: a default function that starts the simulated peers
 * (sensors, a subscriber waiting for messages, an attacker…) before the learner's code runs,
 * using real MQTT.js clients on the same sandbox broker.
 */
import type { IClientOptions, MqttClient } from 'mqtt';

export interface ScenarioContext {
  /**
   * `mqtt.connectAsync` for peers: resolves once CONNACK arrived. In a run with several broker
   * nodes (module 5), `servers: [{ host: '<node>', port: 1883 }]` picks the node.
   */
  connect(options: IClientOptions): Promise<MqttClient>;
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
