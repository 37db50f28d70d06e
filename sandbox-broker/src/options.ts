/** The options a sandbox broker is created with. */
import type { ClockMode } from './clock.ts';
import type { MqttSnGatewayOptions } from './mqtt-sn/gateway.ts';
import type { RecordLimits } from './recorder.ts';
import type { AuthenticationMethodName } from './enhanced-auth/methods.ts';

/**
 * One access-control rule. Rules are tried in order and the first rule whose `username`,
 * `clientId` and `topic` match the request and whose `access` covers it decides (`allow`).
 * When ACL rules are configured and none matches, the request is denied (as mosquitto does).
 */
export interface AclRule {
  /** Username this rule applies to; '*' or absent = any (including anonymous). */
  username?: string;
  /** Client id this rule applies to; '*' or absent = any. */
  clientId?: string;
  /**
   * Topic filter; `%u` is replaced by the username and `%c` by the client id (mosquitto style),
   * so `users/%u/#` gives each user a private subtree. A rule with `%u` never matches an anonymous client.
   */
  topic: string;
  access: 'publish' | 'subscribe' | 'readwrite';
  allow: boolean;
}

/** One broker node of a run with several (module 5). */
export interface BrokerNodeSpec {
  /** Its name: what `connectLink(node)`, the record's `node` field and a client's server host say. */
  name: string;
  /** Nodes naming the same cluster share subscriptions, sessions and retained messages; others are independent brokers. */
  cluster?: string;
}

/**
 * One topic line of a bridge, as mosquitto's `topic <pattern> <out|in|both> <qos> <local-prefix> <remote-prefix>`:
 * the bridge subscribes to prefix + pattern on one side and republishes on the other with the other prefix.
 */
export interface BridgeTopic {
  pattern: string;
  /** `out`: local → remote; `in`: remote → local; `both`. */
  direction: 'out' | 'in' | 'both';
  /** The QoS of the bridge's subscriptions (and so the highest it forwards at); default 0, as mosquitto's. */
  qos?: 0 | 1 | 2;
  localPrefix?: string;
  remotePrefix?: string;
}

/** A broker-side bridge (mosquitto's `connection` block): a client of both brokers that forwards chosen topics. */
export interface BridgeSpec {
  /** mosquitto `connection <name>`; here also the bridge's client id on both brokers (mosquitto's default is `<hostname>.<name>`, `remote_clientid` sets it). */
  name: string;
  /** The node whose configuration holds the bridge. */
  local: string;
  /** mosquitto `address`: the node it connects to. */
  remote: string;
  topics: BridgeTopic[];
  /** mosquitto `remote_username` / `remote_password`. */
  remoteUsername?: string;
  remotePassword?: string;
  /** mosquitto `local_username` / `local_password`: the sandbox's bridge connects to its own node as a client too. */
  localUsername?: string;
  localPassword?: string;
  /** mosquitto `cleansession`: false keeps the bridge's session on the remote broker while the bridge is down. Default true. */
  cleanStart?: boolean;
}

export interface SandboxBrokerOptions {
  maximumQoS?: 0 | 1 | 2;
  retainAvailable?: boolean;
  /** Largest packet (bytes) the broker accepts; advertised to 5.0 clients. 0/absent = no limit. */
  maximumPacketSize?: number;
  /** Highest inbound topic alias a 5.0 client may use; 0/absent = aliases not accepted. */
  topicAliasMaximum?: number;
  /** Keep-alive limit (seconds): 5.0 clients asking for more (or 0) get it as Server Keep Alive. */
  serverKeepAlive?: number;
  /** How many unacknowledged QoS>0 PUBLISHes a 5.0 client may send the broker. */
  receiveMaximum?: number;
  /**
   * Response Information (5.0 §3.2.2.3.15) for clients that ask for it with Request Response
   * Information = 1: a topic prefix for their responses, `%c` replaced by the client id
   * (e.g. `replies/%c`). Absent: none is offered. Never sent to a client that did not ask ([MQTT-3.1.2-28]).
   */
  responseInformation?: string;
  /** username -> password; when set, connections without a username are refused (unless allowAnonymous). */
  users?: Record<string, string>;
  allowAnonymous?: boolean;
  /**
   * MQTT 5.0 enhanced authentication methods (5.0 §4.12) the broker accepts in CONNECT's
   * Authentication Method, checked against `users`. Any other method gets CONNACK 0x8C.
   */
  authenticationMethods?: AuthenticationMethodName[];
  acl?: AclRule[];
  /** $SYS statistics topics, published (retained) every intervalMs on the broker clock. */
  sys?: { intervalMs: number } | false;
  clock?: ClockMode;
  /** Bounds on the run record's memory (defaults: DEFAULT_RECORD_LIMITS); a flood keeps its head and tail. */
  recordLimits?: Partial<RecordLimits>;
  /** Seed of the PRNG behind link loss (instruments.setLinkConditions); default 1. */
  seed?: number;
  /**
   * Several broker nodes in one run (module 5: clusters, bridges, failover). Links go to the first
   * node unless they name one; the other options apply to every node.
   */
  nodes?: BrokerNodeSpec[];
  /** Bridges between nodes of `nodes` (which must not share a cluster). */
  bridges?: BridgeSpec[];
  /** The MQTT-SN gateway in front of the broker: pre-defined topic ids, datagram loss, ADVERTISE. */
  mqttSn?: MqttSnGatewayOptions;
}
