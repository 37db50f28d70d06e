/**
 * Module 8 demo: MQTT-SN QoS -1 — a device with no connection publishes to a pre-defined topic id
 * and to a short topic name; the gateway forwards at QoS 0. Checked by
 * src/demos/__tests__/08-mqtt-sn-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttSnClient } from '../../../sandbox-broker/src/mqtt-sn/client.ts';

let tank: MqttSnClient | undefined;

export default defineDemo({
  id: '08-constrained-environments/mqtt-sn-qos-minus-one',
  title: 'MQTT-SN QoS -1: publishing with no connection at all',
  description: 'A tank-level sensor fires readings at the gateway without CONNECT, REGISTER or any answer.',
  brokerOptions: { mqttSn: { predefinedTopics: { '1': 'plant/tank-3/level' } } },
  steps: [
    {
      title: 'A reading to pre-defined topic id 1, with no connection',
      explain:
        'The gateway is configured with one **pre-defined topic id**: 1 = `plant/tank-3/level`, known in advance to the gateway ' +
        'and to the sensor\'s firmware (MQTT-SN v1.2 §6.7). `monitor` subscribes to `plant/#`. The sensor sends a single datagram — ' +
        '`09 0C 61 00 01 00 00 38 32`: Flags `61` are QoS bits `11` (**QoS -1**) and TopicIdType `01` (pre-defined), TopicId ' +
        '`00 01`, MsgId `00 00`, data `82` (§6.8). No CONNECT came before it and nothing comes back. The gateway publishes it ' +
        'at QoS 0 through its own MQTT connection, `mqtt-sn-gateway-1`, and `monitor` receives `82` on `plant/tank-3/level`.',
      async run(ctx) {
        const monitor = await ctx.client('monitor');
        await monitor.subscribeAsync('#', { qos: 0 });
        tank = await ctx.snClient('tank-3', { connect: false });
        await tank.publish({ predefined: 1 }, '82', { qos: -1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A short topic name travels inside the TopicId field',
      explain:
        'The same sensor publishes `ok` at QoS -1 to the **short topic name** `t3`: TopicIdType `10`, and the two characters ' +
        '`74 33` sit where a topic id would be (§6.7). No registration and no configuration: the broker sees an ordinary topic ' +
        'named `t3`. Two characters cannot carry a hierarchy, so short names suit small closed deployments only.',
      async run(ctx) {
        await tank?.publish({ short: 't3' }, 'ok', { qos: -1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'A wrong id is lost without a trace on the device',
      explain:
        'Now the sensor publishes to pre-defined id 7, which the gateway does not know. At QoS 0, 1 or 2 it would answer PUBACK ' +
        '*Rejected: invalid topic ID*; at QoS -1 there is no answer of any kind. The gateway drops the datagram (the record notes ' +
        'it), and the device never learns. That is the bargain of QoS -1: no connection, no state, no retries — and no way to ' +
        'know that anything arrived.',
      async run(ctx) {
        await tank?.publish({ predefined: 7 }, '81', { qos: -1 });
        await ctx.untilQuiet();
      },
    },
  ],
});
