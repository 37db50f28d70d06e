import { connectedWith, receivedBy, subscribed } from '../../../src/exercise-engine/checks/index.ts';
import { answeredEveryRequest } from '../../../src/exercise-engine/checks/mqtt5-features.ts';
import { answerFor } from './catalogue.ts';

export const checks = [
  connectedWith({ protocolVersion: 5 }),
  subscribed('shop/prices/get', { qos: 1 }),
  answeredEveryRequest({ requestTopic: 'shop/prices/get', requesters: /^kiosk-/, answer: answerFor }),
  // What the kiosks see: the answers reach each one on its own reply topic.
  receivedBy('kiosk-1', 'shop/replies/kiosk-1', { payload: 'unknown' }),
  receivedBy('kiosk-2', 'shop/replies/kiosk-2', { payload: '12.90' }),
];
