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
  // "It works on my machine": everyone may do everything. Run it and watch sensor-02.
  // TODO: replace this rule with rules for the dashboard and for the sensors (use %u).
  { topic: '#', access: 'readwrite', allow: true },
];

export default rules;
