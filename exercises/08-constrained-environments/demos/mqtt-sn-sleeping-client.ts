/**
 * Module 8 demo: an MQTT-SN sleeping client (MQTT-SN v1.2 §6.14) on the broker's virtual clock —
 * asleep with DISCONNECT(Duration), messages buffered by the gateway, PINGREQ(ClientId) to collect
 * them, and the will when it never wakes. Checked by src/demos/__tests__/08-mqtt-sn-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttSnClient } from '../../../sandbox-broker/src/mqtt-sn/client.ts';

let sensor: MqttSnClient | undefined;
let operator: MqttClient | undefined;

export default defineDemo({
  id: '08-constrained-environments/mqtt-sn-sleeping-client',
  title: 'MQTT-SN sleeping client: the gateway keeps its mail',
  description: 'A battery sensor sleeps for five minutes at a time; commands sent meanwhile wait at the gateway until it wakes.',
  brokerOptions: { clock: 'virtual' },
  steps: [
    {
      title: 'The sensor connects with a will and subscribes to its commands',
      explain:
        '`sensor-12` connects over MQTT-SN with a will: the gateway prompts **WILLTOPICREQ**, the sensor answers **WILLTOPIC** ' +
        '(`greenhouse/sensor-12/status`), then **WILLMSGREQ** / **WILLMSG** (`offline`), and only then comes CONNACK (§6.2). ' +
        'The sensor subscribes to `greenhouse/sensor-12/cmd` at QoS 1; the **SUBACK** carries topic id `00 01`, which the gateway ' +
        'will use for that topic from now on (§5.4.16). `operator`, an MQTT client, watches the status topic.',
      async run(ctx) {
        operator = await ctx.client('operator');
        await operator.subscribeAsync('greenhouse/sensor-12/status', { qos: 1 });
        sensor = await ctx.snClient('sensor-12', { keepAlive: 60, will: { topic: 'greenhouse/sensor-12/status', payload: 'offline', qos: 1 } });
        await sensor.subscribe('greenhouse/sensor-12/cmd', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'DISCONNECT with a Duration: asleep for 300 s',
      explain:
        'The sensor sends **DISCONNECT with Duration 300** — `04 18 01 2C` — and the gateway acknowledges with a plain ' +
        'DISCONNECT, `02 18` (§6.14). The client is now *asleep*: its radio can be off. Note what does **not** happen: no MQTT ' +
        'DISCONNECT goes to the broker. The gateway keeps the sensor\'s MQTT connection open, so the broker keeps delivering ' +
        'to it, and supervises the sleep on its own timer.',
      async run(ctx) {
        await sensor?.sleep(300);
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Commands arrive while it sleeps: the gateway buffers them',
      explain:
        '`operator` publishes two commands at QoS 1. The broker delivers both to the sensor\'s MQTT connection — the MQTT ' +
        'PUBLISHes go out to the gateway — but the gateway sends nothing over the radio: it records **message queued** and ' +
        'holds them, and it does not acknowledge them to the broker yet. A client that sleeps must be able to count on the ' +
        'gateway for this (§6.14).',
      async run(ctx) {
        await operator?.publishAsync('greenhouse/sensor-12/cmd', 'vent 30%', { qos: 1 });
        await operator?.publishAsync('greenhouse/sensor-12/cmd', 'interval 600', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Four minutes later it wakes with PINGREQ and its ClientId',
      explain:
        'The clock moves on 240 s. The sensor wakes and sends **PINGREQ with its ClientId** (`0B 16` + `sensor-12`): that makes ' +
        'it *awake* (§5.4.19, §6.14). The gateway sends both buffered PUBLISHes with topic id 1, the sensor answers each with ' +
        'PUBACK — and only now does the gateway send the MQTT PUBACKs to the broker. Last comes **PINGRESP**: nothing more is ' +
        'waiting, and the sensor goes back to sleep for another 300 s.',
      async run(ctx) {
        await ctx.advanceClock(240_000);
        await sensor?.wake();
        await ctx.untilQuiet();
      },
    },
    {
      title: 'It never wakes again: lost, and the will is published',
      explain:
        'Now the sensor\'s battery dies. The gateway\'s sleep timer runs out: v1.2 says a client that sends nothing before its ' +
        'sleep timer expires is *lost*; this gateway allows 1.5 × Duration, 450 s, as MQTT does for keep-alive. It drops the ' +
        'sensor\'s MQTT connection without a DISCONNECT, so the broker publishes the will: `operator` receives `offline` on ' +
        '`greenhouse/sensor-12/status`.',
      async run(ctx) {
        sensor?.end();
        await ctx.advanceClock(450_000);
        await ctx.untilQuiet();
      },
    },
  ],
});
