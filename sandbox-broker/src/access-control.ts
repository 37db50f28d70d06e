/** Authentication against the configured users, and ACL decisions for publish and subscribe. */
import type { AclRule, SandboxBrokerOptions } from './options.ts';
import { filterCovers, topicMatches } from './topic-match.ts';

export interface Identity {
  clientId: string;
  username: string | undefined;
}

/** 3.1.1 CONNACK return codes 0, 4 (bad user name or password), 5 (not authorized). */
export type AuthResult = 0 | 4 | 5;

export function authenticate(options: SandboxBrokerOptions, username: string | undefined, password: string | undefined): AuthResult {
  const users = options.users;
  if (username === undefined) {
    if (options.allowAnonymous === false) return 5;
    if (users && options.allowAnonymous !== true) return 5;
    return 0;
  }
  if (!users) return 0;
  return Object.hasOwn(users, username) && users[username] === password ? 0 : 4;
}

function patternMatches(pattern: string | undefined, value: string | undefined): boolean {
  return pattern === undefined || pattern === '*' || pattern === value;
}

function expandTopic(rule: AclRule, who: Identity): string | undefined {
  if (rule.topic.includes('%u') && who.username === undefined) return undefined;
  return rule.topic.replaceAll('%u', who.username ?? '').replaceAll('%c', who.clientId);
}

function decide(rules: AclRule[] | undefined, who: Identity, access: 'publish' | 'subscribe', covers: (ruleFilter: string) => boolean): boolean {
  if (!rules) return true;
  for (const rule of rules) {
    if (rule.access !== 'readwrite' && rule.access !== access) continue;
    if (!patternMatches(rule.username, who.username) || !patternMatches(rule.clientId, who.clientId)) continue;
    const filter = expandTopic(rule, who);
    if (filter !== undefined && covers(filter)) return rule.allow;
  }
  return false;
}

export function canPublish(rules: AclRule[] | undefined, who: Identity, topic: string): boolean {
  return decide(rules, who, 'publish', (filter) => topicMatches(filter, topic));
}

export function canSubscribe(rules: AclRule[] | undefined, who: Identity, filter: string): boolean {
  return decide(rules, who, 'subscribe', (ruleFilter) => filterCovers(ruleFilter, filter));
}
