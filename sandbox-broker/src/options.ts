/** The options a sandbox broker is created with. */
import type { ClockMode } from './clock.ts';
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
}
