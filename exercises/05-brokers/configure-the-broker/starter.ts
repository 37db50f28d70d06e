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
  // "It works on my desk": anyone may connect and do anything, no limits.
  // TODO: write the team's requirements as configuration, row by row.
  allowAnonymous: true,
};

export default config;
