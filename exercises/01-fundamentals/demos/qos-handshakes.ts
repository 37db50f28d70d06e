/**
 * Module 1 demo: the three QoS levels on the wire, then what QoS 1 does when an acknowledgement
 * is lost. Every claim in the explanations is checked against the real broker and MQTT.js by
 * src/demos/__tests__/qos-handshakes-demo.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let sensor: MqttClient;
/** The QoS 1 publish whose PUBACK the broker loses; it completes only after the reconnect. */
let unacknowledged: Promise<unknown>;

export default defineDemo({
  id: '01-fundamentals/qos-handshakes',
  title: 'QoS 0, 1 and 2 on the wire',
  description:
    'Three clients and a broker. Watch each QoS level’s handshake, then see what happens to a QoS 1 message when its acknowledgement is lost and the connection breaks.',
  steps: [
    {
      title: 'Three clients connect',
      explain:
        '`sensor-1` will publish. It connects with **Clean Start = 0** and a session expiry of 300 s, and subscribes to `lab/commands`: the broker keeps this session if the connection breaks. ' +
        '`dashboard` subscribes to `lab/#` at QoS 2 and `phone` subscribes to `lab/#` at QoS 0. Each client sends CONNECT and gets CONNACK; each SUBSCRIBE gets a SUBACK granting the QoS asked for.',
      async run(ctx) {
        sensor = await ctx.client('sensor-1', { clean: false, properties: { sessionExpiryInterval: 300 }, reconnectPeriod: 1000 });
        const dashboard = await ctx.client('dashboard');
        const phone = await ctx.client('phone');
        await sensor.subscribeAsync('lab/commands', { qos: 1 });
        await dashboard.subscribeAsync('lab/#', { qos: 2 });
        await phone.subscribeAsync('lab/#', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'QoS 0: at most once',
      explain:
        '`sensor-1` publishes `lab/temperature` at QoS 0. It is one PUBLISH with no packet identifier and no reply: the sender forgets it at once. ' +
        'The broker forwards a QoS 0 PUBLISH to `dashboard` and to `phone`; nobody acknowledges anything.',
      async run(ctx) {
        await sensor.publishAsync('lab/temperature', '21.5', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'QoS 1: at least once',
      explain:
        'At QoS 1 the PUBLISH carries a packet identifier and the broker answers with a PUBACK carrying the same identifier (one colour in the diagram). ' +
        'The broker delivers to `dashboard` at QoS 1 with an identifier of its own, and `dashboard` answers PUBACK. ' +
        '`phone` subscribed at QoS 0, so it gets the message at QoS 0: delivery uses the lower of the published and the subscribed QoS.',
      async run(ctx) {
        await sensor.publishAsync('lab/temperature', '21.7', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'QoS 2: exactly once',
      explain:
        'QoS 2 takes four packets with one identifier: PUBLISH, PUBREC (received), PUBREL (release), PUBCOMP (complete). ' +
        'This broker passes the message on as soon as the PUBLISH arrives, so its own four-packet handshake with `dashboard` (subscribed at QoS 2) runs before it answers `sensor-1` with PUBREC. ' +
        '`phone` again gets a plain QoS 0 PUBLISH.',
      async run(ctx) {
        await sensor.publishAsync('lab/temperature', '21.9', { qos: 2 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A PUBACK is lost',
      explain:
        'An instrument drops the broker’s next PUBACK to `sensor-1`. `sensor-1` publishes `lab/alarm` at QoS 1: the broker takes the message, delivers it to `dashboard` and `phone` and answers PUBACK, ' +
        'but the PUBACK never reaches `sensor-1` (the red "dropped" line). As far as `sensor-1` knows, the message may not have arrived, so it keeps it and its packet identifier stays in use.',
      async run(ctx) {
        await ctx.instruments.dropNext('puback', { clientId: 'sensor-1', direction: 'out' });
        unacknowledged = sensor.publishAsync('lab/alarm', 'door open', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The link breaks; the client sends the message again',
      explain:
        'An instrument cuts `sensor-1`’s connection. A second later MQTT.js reconnects with the same client id and Clean Start = 0, and the CONNACK says **session present**. ' +
        '`sensor-1` then sends the unacknowledged PUBLISH again with its original packet identifier (3.1.1 [MQTT-4.4.0-1], 5.0 §4.4), and this time the PUBACK arrives. ' +
        'Open that PUBLISH and look at its first byte: the specification says a re-delivery MUST carry **DUP = 1** (3.1.1 [MQTT-3.3.1-1], 5.0 §3.3.1.1), yet MQTT.js 5.16 sends it unchanged, `0x32`, DUP = 0. ' +
        'DUP would not have changed the outcome: the broker had already acknowledged that packet identifier, so it must treat the PUBLISH as a new message whatever its DUP flag (3.1.1 [MQTT-4.3.2-2], 5.0 §4.3.2). ' +
        '`dashboard` and `phone` receive `door open` a second time: QoS 1 means **at least once**, and duplicates are the price.',
      async run(ctx) {
        const reconnected = new Promise((resolve) => sensor.once('connect', resolve));
        await ctx.instruments.cutLink('sensor-1');
        await reconnected;
        await unacknowledged;
        await ctx.untilQuiet();
      },
    },
  ],
});
