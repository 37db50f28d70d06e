// The greenhouse broker's configuration (the keys of the sandbox broker's broker.yaml).
type AclRule = {
  username?: string;
  clientId?: string;
  topic: string;
  access: 'publish' | 'subscribe' | 'readwrite';
  allow: boolean;
};

type BrokerConfig = {
  allowAnonymous?: boolean;
  users?: Record<string, string>;
  acl?: AclRule[];
  maximumQoS?: 0 | 1 | 2;
  maximumPacketSize?: number;
  serverKeepAlive?: number;
  retainAvailable?: boolean;
};

const config: BrokerConfig = {
  allowAnonymous: false, // mosquitto: allow_anonymous false
  users: { gateway: 'gw-pass', dashboard: 'dash-pass' }, // mosquitto: password_file (hashed)
  acl: [
    // mosquitto acl_file: "user gateway" / "topic readwrite greenhouse/#"
    { username: 'gateway', topic: 'greenhouse/#', access: 'readwrite', allow: true },
    // "user dashboard" / "topic read greenhouse/#": reading only, so its PUBLISH matches no rule
    { username: 'dashboard', topic: 'greenhouse/#', access: 'subscribe', allow: true },
  ],
  maximumPacketSize: 1024, // mosquitto: max_packet_size 1024
  maximumQoS: 1, // mosquitto: max_qos 1
  serverKeepAlive: 30, // mosquitto: max_keepalive 30
  // retainAvailable stays at its default, true: the dashboard needs the retained status.
};

export default config;
