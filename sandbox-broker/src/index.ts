/** The sandbox broker's public API. */
export { createSandboxBroker, type SandboxBroker } from './broker.ts';
export type { SandboxBrokerOptions, AclRule } from './options.ts';
export type { BrokerClock, ClockMode } from './clock.ts';
export type { Instruments, LinkConditions, LinkTarget, PacketFilter } from './instruments.ts';
export type { Recorder } from './recorder.ts';
export { topicMatches } from './topic-match.ts';
export type * from './record-types.ts';
export type { MqttSnGateway, MqttSnGatewayOptions, SnClientState } from './mqtt-sn/gateway.ts';
export type { DatagramSocket } from './mqtt-sn/datagram.ts';
