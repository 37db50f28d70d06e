/**
 * The `mqtt-sn` module learner code imports (src/exercise-engine/runtime/learner-mqtt-sn.ts), as
 * an ambient declaration: tsc reads it for the exercises' starters and solutions, and the editor
 * loads the same text (src/editor/mqtt-sn-types.ts). Kept in step with the real client by
 * src/editor/__tests__/mqtt-sn-types.test.ts.
 */
declare module 'mqtt-sn' {
  /** -1 (publish only, no connection needed), 0, 1 or 2. */
  export type SnQoS = -1 | 0 | 1 | 2;
  /** A registered (normal) topic id, a pre-defined id, or a two-character short topic name. */
  export type SnTopic = { topicId: number } | { predefined: number } | { short: string };
  export interface SnConnectOptions {
    clientId: string;
    /** Keep-alive in seconds (CONNECT Duration); default 60. */
    keepAlive?: number;
    cleanSession?: boolean;
    will?: { topic: string; payload: string | Uint8Array; qos?: 0 | 1 | 2; retain?: boolean };
  }
  export interface SnClientOptions {
    /** Pre-defined topic ids known to this client: id → topic name. */
    predefinedTopics?: Record<string, string>;
    retryMs?: number;
    retries?: number;
  }
  export interface SnMessage {
    topic: string | undefined;
    topicIdType: 0 | 1 | 2 | 3;
    topicId: number | undefined;
    payload: Uint8Array;
    text: string;
    qos: SnQoS;
    retain: boolean;
  }
  export class MqttSnClient {
    clientId: string | undefined;
    ended: boolean;
    onMessage(listener: (message: SnMessage) => void): void;
    searchGateway(radius?: number): Promise<number>;
    connect(options: SnConnectOptions): Promise<void>;
    register(topicName: string): Promise<number>;
    publish(topic: SnTopic, payload: string | Uint8Array, options?: { qos?: SnQoS; retain?: boolean }): Promise<void>;
    subscribe(topic: string | { predefined: number } | { short: string }, options?: { qos?: 0 | 1 | 2 }): Promise<{ topicId: number; qos: SnQoS }>;
    unsubscribe(topic: string): Promise<void>;
    ping(): Promise<void>;
    sleep(durationSeconds: number): Promise<void>;
    wake(): Promise<SnMessage[]>;
    disconnect(): Promise<void>;
    end(): void;
  }
  export class MqttSnError extends Error {}
  /** A client on a fresh datagram socket to the gateway, connected (CONNECT → CONNACK). */
  export function connect(options: SnConnectOptions & SnClientOptions): Promise<MqttSnClient>;
  /** A client that has not connected: for QoS -1 publishes or SEARCHGW. */
  export function createClient(options?: SnClientOptions): MqttSnClient;
}
