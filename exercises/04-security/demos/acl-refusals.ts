/**
 * Module 4 demo: an access-control list refusing subscriptions and publishes, and what a 5.0 and
 * a 3.1.1 client are told. Checked against the real broker by
 * src/demos/__tests__/04-security-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let sensor: MqttClient;
let legacy: MqttClient;
let dashboard: MqttClient;

/** MQTT.js rejects a refused SUBSCRIBE or QoS 1 PUBLISH: the refusal is what the demo shows. */
const refused = (operation: Promise<unknown>): Promise<unknown> => operation.catch((error: unknown) => error);

export default defineDemo({
  id: '04-security/acl-refusals',
  title: 'An ACL says no',
  description:
    'Each sensor may publish its own telemetry and read its own commands; a dashboard may read every sensor. Watch the broker refuse a wildcard subscription and a forged publish, and see how differently MQTT 5.0 and 3.1.1 say no.',
  brokerOptions: {
    users: { 'sensor-1': 'pw-1', 'legacy-7': 'pw-7', dashboard: 'pw-d' },
    acl: [
      { username: 'dashboard', topic: 'devices/+/telemetry', access: 'subscribe', allow: true },
      { topic: 'devices/%u/telemetry', access: 'publish', allow: true },
      { topic: 'devices/%u/cmd', access: 'subscribe', allow: true },
    ],
  },
  steps: [
    {
      title: 'Three clients log in',
      explain:
        '`sensor-1` (MQTT 5.0), `legacy-7` (MQTT 3.1.1, protocol level 4) and `dashboard` (5.0) connect with their own user names. The ACL has three rules, tried in order: ' +
        '`dashboard` may subscribe to `devices/+/telemetry`; any user may publish to `devices/%u/telemetry` and subscribe to `devices/%u/cmd`, where `%u` becomes its user name. Anything else is denied. ' +
        '`dashboard` subscribes to `devices/+/telemetry`: granted, QoS 1.',
      async run(ctx) {
        sensor = await ctx.client('sensor-1', { username: 'sensor-1', password: 'pw-1' });
        legacy = await ctx.client('legacy-7', { protocolVersion: 4, username: 'legacy-7', password: 'pw-7' });
        dashboard = await ctx.client('dashboard', { username: 'dashboard', password: 'pw-d' });
        await dashboard.subscribeAsync('devices/+/telemetry', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'One SUBSCRIBE, one filter granted, one refused (5.0)',
      explain:
        '`sensor-1` asks for two filters in one SUBSCRIBE: its own `devices/sensor-1/cmd` and `devices/#`. The SUBACK has one reason code per filter, in order: **0x01** (granted QoS 1) and **0x87** (Not authorized, 5.0 §3.9.3). ' +
        '`devices/#` is refused although it includes `devices/sensor-1/cmd`: a subscribe rule must cover **every** topic the filter could match, and this one would also match every other device. ' +
        'MQTT.js rejects `subscribeAsync` when any code is 0x80 or more; the SUBACK is on the error as `error.packet`.',
      async run(ctx) {
        await refused(sensor.subscribeAsync(['devices/sensor-1/cmd', 'devices/#'], { qos: 1 }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'The same refusal in 3.1.1',
      explain:
        '`legacy-7` subscribes to `devices/+/cmd`, the commands of every device. A 3.1.1 SUBACK has only one failure code: **0x80** (3.1.1 §3.9.3). It cannot say why.',
      async run(ctx) {
        await refused(legacy.subscribeAsync('devices/+/cmd', { qos: 1 }));
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A forged publish: 5.0 is told, 3.1.1 is not',
      explain:
        '`sensor-1` publishes at QoS 1 to `devices/legacy-7/telemetry`, pretending to be another device: the broker answers **PUBACK 0x87** (5.0 §3.4.2.1) and `dashboard` receives nothing. ' +
        'Then `legacy-7` forges `devices/sensor-1/telemetry` the same way. 3.1.1 has no code for this: the server must either acknowledge as usual or close the connection (3.1.1 [MQTT-3.3.5-2]). This broker sends an ordinary **PUBACK** and drops the message — the record shows a `publish-denied` event, `legacy-7` believes it succeeded, and again `dashboard` receives nothing. ' +
        'Finally `sensor-1` publishes to its own `devices/sensor-1/telemetry`: allowed, and `dashboard` gets it.',
      async run(ctx) {
        await refused(sensor.publishAsync('devices/legacy-7/telemetry', '99.9', { qos: 1 }));
        await refused(legacy.publishAsync('devices/sensor-1/telemetry', '-40', { qos: 1 }));
        await sensor.publishAsync('devices/sensor-1/telemetry', '21.5', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
