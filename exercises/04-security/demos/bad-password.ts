/**
 * Module 4 demo: a broker that requires a user name and password refuses wrong and missing
 * credentials, in 5.0 and in 3.1.1. Checked against the real broker by
 * src/demos/__tests__/04-security-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';

/** A refused client rejects `ctx.client`: here the refusal is the point, so it is expected. */
const refused = (connecting: Promise<unknown>): Promise<unknown> => connecting.catch((error: unknown) => error);

export default defineDemo({
  id: '04-security/bad-password',
  title: 'Wrong password, no password',
  description:
    'A broker that knows one user, meter-12. Four clients try to log in: a wrong password and no credentials at all, each in MQTT 5.0 and in 3.1.1, then the right password.',
  brokerOptions: { users: { 'meter-12': 'spring-2026' } },
  steps: [
    {
      title: 'A wrong password (MQTT 5.0)',
      explain:
        '`meter-12` sends CONNECT with user name `meter-12` and the old password `winter-2025`. Open the CONNECT: the User Name and Password flags are set and both fields sit in the payload **in clear text** — only TLS hides them. ' +
        'The broker answers CONNACK with reason code **0x86** (Bad User Name or Password, 5.0 §3.2.2.2) and closes the connection.',
      async run(ctx) {
        await refused(ctx.client('meter-12', { username: 'meter-12', password: 'winter-2025' }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The same mistake in MQTT 3.1.1',
      explain:
        'A 3.1.1 client (protocol level 4) with the same wrong password gets CONNACK **return code 4**, "bad user name or password" (3.1.1 §3.2.2.3). After a non-zero return code the server closes the connection (3.1.1 [MQTT-3.2.2-5]).',
      async run(ctx) {
        await refused(ctx.client('meter-12-legacy', { protocolVersion: 4, username: 'meter-12', password: 'winter-2025' }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'No credentials at all',
      explain:
        'Two clients connect without a user name. Anonymous access is off on this broker, so the answer is "not authorized": reason code **0x87** for the 5.0 client and return code **5** for the 3.1.1 one. ' +
        'The difference from the step before is the point: 0x86 / 4 says the credentials were wrong, 0x87 / 5 says this client may not connect.',
      async run(ctx) {
        await refused(ctx.client('anonymous-5'));
        await refused(ctx.client('anonymous-311', { protocolVersion: 4 }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The right password',
      explain:
        '`meter-12` sends the current password `spring-2026`: CONNACK reason code **0x00**, Success, and the connection stays open.',
      async run(ctx) {
        await ctx.client('meter-12', { username: 'meter-12', password: 'spring-2026' });
        await ctx.untilQuiet();
      },
    },
  ],
});
