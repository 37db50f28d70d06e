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
  name: 'shop-7', // connection shop-7
  local: 'site',
  remote: 'cloud', // address cloud:1883
  topics: [
    // topic sensors/# out 1 "" shops/shop-7/
    { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: '', remotePrefix: 'shops/shop-7/' },
    // topic cmd/# in 1 "" shops/shop-7/
    { pattern: 'cmd/#', direction: 'in', qos: 1, localPrefix: '', remotePrefix: 'shops/shop-7/' },
  ],
};

export default { bridges: [bridge] };
