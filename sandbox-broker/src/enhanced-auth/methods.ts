/** The enhanced authentication methods a sandbox broker can be configured with, by name. */
import type { AuthenticationMethod } from './method.ts';
import { SCRAM_SHA_256, scramSha256 } from './scram-server.ts';

export const AUTHENTICATION_METHODS = [SCRAM_SHA_256] as const;
export type AuthenticationMethodName = (typeof AUTHENTICATION_METHODS)[number];

/** Builds the configured methods; each checks the broker's `users` (user name → password). */
export function createMethods(names: readonly AuthenticationMethodName[] | undefined, users: Readonly<Record<string, string>> | undefined): Map<string, AuthenticationMethod> {
  const methods = new Map<string, AuthenticationMethod>();
  for (const name of names ?? []) {
    if (name === SCRAM_SHA_256) methods.set(name, scramSha256(users ?? {}));
  }
  return methods;
}
