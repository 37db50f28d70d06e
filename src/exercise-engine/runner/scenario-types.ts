/**
 * What an exercise's `scenario.ts` exports: a default function that starts the simulated peers
 * (sensors, a subscriber waiting for messages, an attacker…) before the learner's code runs,
 * using real MQTT.js clients on the same sandbox broker.
 */
import type { IClientOptions, MqttClient } from 'mqtt';

export interface ScenarioContext {
  /** `mqtt.connectAsync` for peers: resolves once CONNACK arrived. */
  connect(options: IClientOptions): Promise<MqttClient>;
}

export interface ScenarioHandle {
  /** Called when the run is over; the peers' clients are ended afterwards in any case. */
  stop?(): void | Promise<void>;
}

export type Scenario = (lab: ScenarioContext) => Promise<ScenarioHandle | void>;

export interface ScenarioModule {
  default: Scenario;
}
