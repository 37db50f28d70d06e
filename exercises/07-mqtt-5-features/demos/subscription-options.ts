/**
 * Module 7 demo: the MQTT 5.0 subscription options and Subscription Identifiers in a chat lobby.
 * No Local keeps Ada's own messages from coming back; Retain Handling decides whether a
 * subscription gets the pinned (retained) rules; Retain As Published keeps the RETAIN flag for an
 * archiver; one message matching two of Ada's subscriptions arrives once, with both identifiers
 * (5.0 §3.8.3.1, §3.8.2.1.2, §3.3.4). Checked by src/demos/__tests__/07-mqtt-5-applications-demos.test.ts.
 */
import type { MqttClient } from 'mqtt';
import { defineDemo } from '../../../src/demos/define-demo.ts';

let ada: MqttClient;
let grace: MqttClient;
let moderator: MqttClient;

export default defineDemo({
  id: '07-mqtt-5-features/subscription-options',
  title: 'Subscription options: No Local, Retain Handling, Retain As Published, identifiers',
  description:
    'A chat lobby with pinned rules: Ada’s own messages stay away from her, the rules arrive only when a subscription is new, an archiver sees which messages were retained, and one message matching two subscriptions carries both identifiers.',
  steps: [
    {
      title: 'Ada subscribes with No Local and Retain Handling 1',
      explain:
        '`moderator` has pinned the lobby’s rules as a retained message on `chat/lobby/pinned`. ' +
        '`ada` subscribes to `chat/lobby/+` with **No Local = 1**, **Retain Handling = 1** and **Subscription Identifier = 1** (open the SUBSCRIBE: the options byte after the filter is `0x15`: QoS 1 in bits 0–1, No Local in bit 2, Retain Handling 1 in bits 4–5). ' +
        'The subscription is new, so the broker sends the retained rules, with RETAIN = 1 and the identifier 1.',
      async run(ctx) {
        moderator = await ctx.client('moderator');
        await moderator.publishAsync('chat/lobby/pinned', 'Rules: be kind, no spam.', { qos: 1, retain: true });
        ada = await ctx.client('ada');
        await ada.subscribeAsync('chat/lobby/+', { qos: 1, nl: true, rh: 1, properties: { subscriptionIdentifier: 1 } });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'No Local: Ada’s own message does not come back',
      explain:
        '`grace` subscribes to the same filter without No Local (Retain Handling 2: she does not want the rules now). ' +
        '`ada` posts `hello, lobby` on `chat/lobby/ada`. Her subscription matches that topic, but the broker MUST NOT forward a message to the client that published it when No Local is set (5.0 [MQTT-3.8.3-3]): only `grace` receives it. ' +
        '`grace` answers on `chat/lobby/grace`. It reaches `ada` — and `grace` herself, who subscribed without No Local: the default sends a client its own messages back.',
      async run(ctx) {
        grace = await ctx.client('grace');
        await grace.subscribeAsync('chat/lobby/+', { qos: 1, rh: 2 });
        await ada.publishAsync('chat/lobby/ada', 'hello, lobby', { qos: 1 });
        await grace.publishAsync('chat/lobby/grace', 'hi Ada!', { qos: 1 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Subscribing again: Retain Handling 1 and 0',
      explain:
        '`ada` sends the same SUBSCRIBE again, as an app does at start-up. The subscription already exists, and with **Retain Handling 1** the broker sends no retained message (5.0 [MQTT-3.3.1-10]). ' +
        '`grace` now re-subscribes with **Retain Handling 0**, the default: the broker sends the retained rules on every SUBSCRIBE, new or not (5.0 [MQTT-3.3.1-9]) — which is why a client that resubscribes on every reconnect sees its retained messages again and again.',
      async run(ctx) {
        await ada.subscribeAsync('chat/lobby/+', { qos: 1, nl: true, rh: 1, properties: { subscriptionIdentifier: 1 } });
        await ctx.untilQuiet();
        await grace.subscribeAsync('chat/lobby/+', { qos: 1, rh: 0 });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'Retain As Published: the archiver sees which messages are pinned',
      explain:
        '`archiver` subscribes to `chat/#` with **Retain As Published = 1** (and Retain Handling 2). `moderator` pins new rules, a retained PUBLISH. ' +
        'A live message is normally forwarded with RETAIN = 0, whatever the publisher set: `ada` and `grace` get RETAIN = 0 (5.0 [MQTT-3.3.1-12]). ' +
        'With Retain As Published the broker keeps the publisher’s flag: `archiver` gets RETAIN = 1 (5.0 [MQTT-3.3.1-13]). Bridges use this to pass retained messages on as retained.',
      async run(ctx) {
        const archiver = await ctx.client('archiver');
        await archiver.subscribeAsync('chat/#', { qos: 1, rap: true, rh: 2 });
        await moderator.publishAsync('chat/lobby/pinned', 'Rules: be kind, no spam, English please.', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
    {
      title: 'One message, two subscriptions, two identifiers',
      explain:
        '`ada` adds a second subscription, `chat/+/pinned` with **Subscription Identifier = 2**, so she can route pinned messages of every room to one handler. `moderator` pins a third version. ' +
        'It matches both of Ada’s subscriptions. The broker sends **one** PUBLISH, at the highest QoS the two grant, and it carries **both** identifiers, 1 and 2 — two Subscription Identifier properties (5.0 [MQTT-3.3.4-4]). MQTT.js gives them as an array. ' +
        'aedes alone would send only the identifier of the subscription it matched first; the sandbox broker adds the others.',
      async run(ctx) {
        await ada.subscribeAsync('chat/+/pinned', { qos: 1, rh: 2, properties: { subscriptionIdentifier: 2 } });
        await moderator.publishAsync('chat/lobby/pinned', 'Rules: be kind.', { qos: 1, retain: true });
        await ctx.untilQuiet();
      },
    },
  ],
});
