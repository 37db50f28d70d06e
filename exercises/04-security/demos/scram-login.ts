/**
 * Module 4 demo: MQTT 5.0 enhanced authentication (5.0 §4.12) with SCRAM-SHA-256, on the in-page
 * broker: a challenge–response login, a wrong password, an unknown method and a
 * re-authentication on an open connection. Checked against the real broker by
 * src/demos/__tests__/04-security-demos.test.ts.
 */
import { Buffer } from 'buffer';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { IAuthPacket } from 'mqtt-packet';
import { scramClient, type ScramClient } from '../../../sandbox-broker/src/enhanced-auth/scram-client.ts';
import { defineDemo } from '../../../src/demos/define-demo.ts';

const METHOD = 'SCRAM-SHA-256';

/** A refused client rejects `ctx.client`: here the refusal is the point, so it is expected. */
const refused = (connecting: Promise<unknown>): Promise<unknown> => connecting.catch((error: unknown) => error);

/** CONNECT properties that start SCRAM: the method, and the client-first-message as Authentication Data. */
const scramProperties = (scram: ScramClient): IClientOptions => ({
  properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scram.firstMessage) },
});

/**
 * Answers the broker's AUTH 0x18 (the server-first-message) with AUTH 0x18 carrying the proof.
 * MQTT.js calls `handleAuth` for every AUTH the broker sends; `current` gives the exchange running now.
 */
function answerChallenges(client: MqttClient, current: () => ScramClient): void {
  client.handleAuth = (packet: IAuthPacket, callback) => {
    if (packet.reasonCode !== 0x18) {
      callback(); // AUTH 0x00: a re-authentication succeeded
      return;
    }
    current()
      .respond(packet.properties?.authenticationData as Buffer)
      .then(
        (proof) => callback(undefined, { cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(proof) } }),
        (error: Error) => callback(error),
      );
  };
}

export default defineDemo({
  id: '04-security/scram-login',
  title: 'Enhanced authentication with SCRAM-SHA-256',
  description:
    'A broker that accepts the SCRAM-SHA-256 authentication method for its one user, meter-12. Watch a challenge–response login, a wrong password, a method the broker does not know, and a re-authentication on an open connection.',
  brokerOptions: { users: { 'meter-12': 'spring-2026' }, authenticationMethods: [METHOD] },
  steps: [
    {
      title: 'Log in without sending the password',
      explain:
        'The CONNECT names the **Authentication Method** `SCRAM-SHA-256` and carries the client-first-message `n,,n=meter-12,r=…` (a user name and a random nonce) as **Authentication Data**. There is no password field. ' +
        'The broker answers **AUTH 0x18**, Continue authentication ([MQTT-4.12.0-2]), with the salt, the iteration count and its own nonce. The client answers AUTH 0x18 ([MQTT-4.12.0-3]) with a proof computed from the password, the salt and both nonces. ' +
        'The broker checks the proof and sends **CONNACK 0x00** carrying the same method ([MQTT-4.12.0-5]) and `v=…`, a server signature the client can check to know the broker holds the password too. Search the packets: `spring-2026` appears nowhere.',
      async run(ctx) {
        const scram = scramClient('meter-12', 'spring-2026');
        await ctx.client('meter-12', scramProperties(scram), (client) => answerChallenges(client, () => scram));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A wrong password',
      explain:
        'The same exchange with the old password `winter-2025`. The broker still sends its challenge — it cannot tell a wrong password before it sees the proof — then refuses with **CONNACK 0x86**, Bad User Name or Password, and closes the connection ([MQTT-4.12.0-4]). ' +
        'An unknown user name gets a challenge too, so the broker never reveals which users exist.',
      async run(ctx) {
        const scram = scramClient('meter-12', 'winter-2025');
        await refused(ctx.client('meter-12-old', scramProperties(scram), (client) => answerChallenges(client, () => scram)));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A method the broker does not support',
      explain:
        'A client asks for `KERBEROS`, which this broker does not implement. No AUTH is exchanged: the broker answers **CONNACK 0x8C**, Bad authentication method, and closes the connection ([MQTT-4.12.0-1]).',
      async run(ctx) {
        await refused(ctx.client('meter-12-krb', { properties: { authenticationMethod: 'KERBEROS', authenticationData: Buffer.from('ticket') } }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Re-authenticate on an open connection',
      explain:
        'A connected client starts the exchange again with **AUTH 0x19**, Re-authenticate, and the same method ([MQTT-4.12.1-1]), carrying a fresh client-first-message. The broker challenges with AUTH 0x18, the client proves itself with AUTH 0x18, and the broker ends with **AUTH 0x00**, Success. ' +
        'The connection never closed: the PUBLISH sent in the middle of the exchange went through. Had the proof been wrong, the broker would have sent DISCONNECT 0x87 ([MQTT-4.12.1-2]). ' +
        'MQTT.js 5 has no public call for this: the demo writes the AUTH 0x19 with the client’s internal `_sendPacket`.',
      async run(ctx) {
        let scram = scramClient('meter-12', 'spring-2026');
        const client = await ctx.client('meter-12-renew', scramProperties(scram), (made) => answerChallenges(made, () => scram));
        await ctx.untilQuiet();
        scram = scramClient('meter-12', 'spring-2026');
        (client as unknown as { _sendPacket(packet: IAuthPacket): void })._sendPacket({
          cmd: 'auth',
          reasonCode: 0x19,
          properties: { authenticationMethod: METHOD, authenticationData: Buffer.from(scram.firstMessage) },
        });
        await client.publishAsync('meters/meter-12/temperature', '21.5', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
