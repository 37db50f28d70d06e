import { receivedBy } from '../../../src/exercise-engine/checks/index.ts';
import { brokerDisconnected, connackAnnounces } from '../../../src/exercise-engine/checks/brokers.ts';
import { connectionRefused, publishRefused } from '../../../src/exercise-engine/checks/security.ts';

export const checks = [
  // Authentication: nobody without an account, nobody with a wrong password.
  connectionRefused({ client: 'anonymous', codes: [0x87] }), // Not authorized: no credentials at all
  connectionRefused({ client: 'intruder', codes: [0x86] }), // Bad User Name or Password
  // The limits, as a 5.0 client is told them (5.0 §3.2.2.3)…
  connackAnnounces({ maximumQoS: 1, maximumPacketSize: 1024, serverKeepAlive: 30, retainAvailable: true }, { client: 'gateway' }),
  // …and as the broker enforces them.
  brokerDisconnected(0x95, { client: 'gateway-bulk', why: 'Packet too large' }),
  brokerDisconnected(0x9b, { client: 'gateway-qos2', why: 'QoS not supported' }),
  // Authorisation: the legitimate traffic flows, the dashboard cannot publish.
  receivedBy('dashboard', 'greenhouse/house-1/temp', { payload: '24.1', qos: 1 }),
  publishRefused('greenhouse/house-1/cmd', { client: 'dashboard' }),
  // Retained messages stay available for a dashboard that opens later.
  receivedBy('dashboard-late', 'greenhouse/house-1/status', { payload: 'vents open' }),
];
