/**
 * Module 8 demo: an MQTT-SN client registers its topic and publishes with a two-byte topic id
 * through the sandbox's MQTT-SN gateway; the packet view shows each datagram beside the MQTT
 * packet the gateway made of it. Checked by src/demos/__tests__/08-mqtt-sn-demos.test.ts.
 */
import { defineDemo } from '../../../src/demos/define-demo.ts';
import type { MqttSnClient } from '../../../sandbox-broker/src/mqtt-sn/client.ts';

const TOPIC = 'greenhouse/7/air/temperature';
let node: MqttSnClient | undefined;
let topicId = 0;

export default defineDemo({
  id: '08-constrained-environments/mqtt-sn-topic-ids',
  title: 'MQTT-SN: REGISTER once, then publish with a two-byte topic id',
  description: 'A greenhouse node speaks MQTT-SN to the gateway; an ordinary MQTT dashboard receives its readings by topic name.',
  steps: [
    {
      title: 'The node connects to the gateway, the gateway connects to the broker',
      explain:
        '`dashboard` (MQTT 3.1.1) subscribes to `greenhouse/+/air/temperature`. Then `greenhouse-7` sends an MQTT-SN **CONNECT** ' +
        'datagram — 18 bytes: Length `12`, MsgType `04`, Flags `04` (CleanSession), ProtocolId `01`, Duration `00 00`, then the ' +
        'ClientId — to the gateway lane (MQTT-SN v1.2 §5.4.4). There is no TCP under it, only datagrams. The gateway is ' +
        '*transparent*: it opens an MQTT connection to the broker under the same client id, so right after the datagram you see ' +
        'an ordinary MQTT CONNECT and CONNACK, then the MQTT-SN **CONNACK** (`03 05 00`, Accepted) back to the node.',
      async run(ctx) {
        const dashboard = await ctx.client('dashboard', { protocolVersion: 4 });
        await dashboard.subscribeAsync('greenhouse/+/air/temperature', { qos: 0 });
        node = await ctx.snClient('greenhouse-7');
        await ctx.untilQuiet();
      },
    },
    {
      title: 'REGISTER: 28 characters of topic name, sent once',
      explain:
        'MQTT-SN never puts a topic name in a PUBLISH. The node sends **REGISTER** with TopicId `00 00`, its MsgId and the name ' +
        '`greenhouse/7/air/temperature` (34 bytes in all); the gateway answers **REGACK** with the topic id it assigned — `00 01` ' +
        '— and return code `00` (§5.4.10, §5.4.11, §6.5). Nothing crosses to the broker: the id is a private agreement between this ' +
        'client and the gateway, valid for this connection only.',
      async run(ctx) {
        topicId = (await node?.register(TOPIC)) ?? 0;
        await ctx.untilQuiet();
      },
    },
    {
      title: 'PUBLISH with topic id 1: 11 bytes become 36',
      explain:
        'The node publishes `21.5` at QoS 0 with **topic id 1**: `0B 0C 00 00 01 00 00 32 31 2E 35` — Length 11, MsgType PUBLISH, ' +
        'Flags `00` (QoS 0, TopicIdType 0b00 = normal id), TopicId `00 01`, MsgId `00 00`, then the 4 data bytes (§5.4.12). The ' +
        'gateway looks the id up and sends the broker an MQTT PUBLISH with the full topic: 2 + 2 + 28 + 4 = **36 bytes**, and ' +
        '`dashboard` receives it by name. On the radio, where every byte costs energy, the reading took 11 bytes instead of 36.',
      async run(ctx) {
        await node?.publish({ topicId }, '21.5', { qos: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'An id the gateway never gave: "Rejected: invalid topic ID"',
      explain:
        'The node publishes at QoS 1 with topic id 9, which it never registered. The gateway cannot know which topic that is: it ' +
        'answers **PUBACK** with the same TopicId and MsgId and return code `02`, *Rejected: invalid topic ID* (§5.3.10, §6.6), and ' +
        'nothing reaches the broker. A client that gets this after a gateway restart must REGISTER again.',
      async run(ctx) {
        await node?.publish({ topicId: 9 }, '21.6', { qos: 1 }).catch(() => undefined);
        await ctx.untilQuiet();
      },
    },
  ],
});
