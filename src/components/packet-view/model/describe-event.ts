/** One-line descriptions of broker events, shown between the packets. */
import type { BrokerEventEntry, BrokerEventType } from '../../../../sandbox-broker/src/record-types.ts';

const NAMES: Record<BrokerEventType, string> = {
  'client-connected': 'connected',
  'client-disconnected': 'disconnected',
  'connection-refused': 'connection refused',
  'will-published': 'will published',
  'will-scheduled': 'will scheduled',
  'subscription-granted': 'subscription granted',
  'subscription-denied': 'subscription denied',
  'publish-denied': 'publish denied',
  'message-delivered': 'message delivered',
  'message-dropped': 'message dropped',
  'message-expired': 'message expired',
  'message-queued': 'message queued',
  'session-resumed': 'session resumed',
  'session-expired': 'session expired',
  'protocol-error': 'protocol error',
  instrument: 'instrument',
  'broker-restarted': 'broker restarted',
  'clock-advanced': 'clock advanced',
  'http-request': 'HTTP request',
  'http-response': 'HTTP response',
  'node-stopped': 'node stopped',
  'node-started': 'node started',
  gateway: 'MQTT-SN gateway',
  'client-authenticated': 'authenticated',
  'authentication-failed': 'authentication failed',
  'entries-omitted': 'entries omitted',
};

/**
 * Events the packets already show (a CONNACK says "connected", a SUBACK "granted", a PUBLISH out
 * "delivered"): listing them too would double every line.
 */
const SAID_BY_PACKETS: ReadonlySet<BrokerEventType> = new Set(['client-connected', 'subscription-granted', 'message-delivered']);

export function isShownEvent(entry: BrokerEventEntry): boolean {
  return !SAID_BY_PACKETS.has(entry.event);
}

export function describeEvent(entry: BrokerEventEntry, clientName?: string): string {
  const parts = [NAMES[entry.event]];
  const who = clientName ?? entry.clientId;
  if (who) parts.push(`(${who})`);
  let text = parts.join(' ');
  const details: string[] = [];
  if (entry.topic !== undefined) details.push(`topic ${entry.topic}`);
  if (entry.reason) details.push(entry.reason);
  if (details.length) text += `: ${details.join(', ')}`;
  // Runs with several broker nodes (module 5) say where each event happened.
  return entry.node === undefined ? text : `${text} [node ${entry.node}]`;
}
