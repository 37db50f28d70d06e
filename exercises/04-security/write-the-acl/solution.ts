// The broker's access-control list: rules are tried in order, the first match decides,
// and anything no rule matches is denied.
type Rule = {
  username?: string;
  clientId?: string;
  topic: string; // may use +, #, %u (user name) and %c (client id)
  access: 'publish' | 'subscribe' | 'readwrite';
  allow: boolean;
};

const rules: Rule[] = [
  // The operator dashboard reads every sensor's telemetry and commands any sensor.
  { username: 'dashboard', topic: 'devices/+/telemetry', access: 'subscribe', allow: true },
  { username: 'dashboard', topic: 'devices/+/cmd', access: 'publish', allow: true },
  // Each sensor may write only its own telemetry and read only its own commands:
  // %u is the user name it logged in with, so one pair of rules serves every sensor.
  { topic: 'devices/%u/telemetry', access: 'publish', allow: true },
  { topic: 'devices/%u/cmd', access: 'subscribe', allow: true },
  // Nothing else: a request no rule matches is denied.
];

export default rules;
