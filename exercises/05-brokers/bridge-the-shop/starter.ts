// The bridge on the shop's broker (mosquitto: a `connection` block in site's mosquitto.conf).
type BridgeTopic = {
  pattern: string;
  direction: 'out' | 'in' | 'both';
  qos?: 0 | 1 | 2;
  localPrefix?: string;
  remotePrefix?: string;
};

type Bridge = { name: string; local: string; remote: string; topics: BridgeTopic[] };

const bridge: Bridge = {
  name: 'shop-7',
  local: 'site',
  remote: 'cloud',
  // "Just bridge everything": every topic, both ways, no prefix, QoS 0.
  // TODO: one line per direction the table asks for, with the right prefix and QoS.
  topics: [{ pattern: '#', direction: 'both' }],
};

export default { bridges: [bridge] };
